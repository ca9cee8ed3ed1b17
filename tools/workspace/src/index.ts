export { moduleGenerator, type ModuleGeneratorSchema } from './module/module.generator';
