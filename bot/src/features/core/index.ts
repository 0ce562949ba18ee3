// The core feature's public face (docs/architecture.md): help, welcome, co-chairs, installation.
export { coreFeature } from './core.feature';
