export const SANDBOX_CATALOG = { series: [] };
