export function describe(_key: string): string | undefined { return undefined; }
