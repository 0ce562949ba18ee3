// The core feature's public face (docs/architecture.md): help, welcome, co-chairs.
export { createCoreFeature } from './core.feature';
