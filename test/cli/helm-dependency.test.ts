import { describeScenarios } from '../chart/deps/testdata/golden-runner.ts';

describeScenarios('dependency/');
