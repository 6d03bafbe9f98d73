// The embedded control plane. The server room assembles the store, the
// resource catalog and the HTTPS API; other rooms plug in through the
// interfaces re-exported here.

export * from './server/index.ts';
