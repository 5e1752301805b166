export { HandlerReloader, type HandlerReloaderOptions, type WatchedFunction } from './handler-reloader.ts';
export { StackReloader, type StackReloaderOptions } from './stack-reloader.ts';
export { redeployStacks, type RedeployReport } from './redeploy.ts';
export { startHotReload, type HotReload, type HotReloadOptions } from './hot-reload.ts';
