export { loadCloudAssembly, loadTemplate, stackNameFromFolder } from './load.ts';
export type { LoadCloudAssemblyOptions, LoadTemplateOptions } from './load.ts';
export type {
  FunctionCode,
  LoadedStack,
  ParameterValue,
  ResolvedOutput,
  ResourceLookup,
  StackResolver,
  TemplateOutput,
  TemplateResource,
  TemplateWarning,
  UnsupportedFeature,
  ValueLocation,
} from './types.ts';
export { TemplateError } from './errors.ts';
export type { TemplateErrorContext } from './errors.ts';
export { customResourceHelpers, EMULATED_TYPES, functionProblems, NO_OP_TYPES, propertyWarnings, supportOf, unsupportedResources, validateStack } from './validate.ts';
export type { FunctionProblem, Support, UnsupportedResource } from './validate.ts';
export { generatedName, NAME_RULES, physicalName } from './physical-names.ts';
export type { NameRule, PhysicalNameInput } from './physical-names.ts';
export { writeInlineCode } from './functions.ts';
export { exportNames, importNames, orderStacks } from './cross-stack.ts';
export { localizeUrls } from './local-urls.ts';
export type { LocalEndpoints } from './local-urls.ts';
export { functionArnFromIntegrationUri, readOpenApiBody } from './openapi.ts';
export type { OpenApiHttpApi, OpenApiRoute } from './openapi.ts';
export { parseParameterOverrides } from './parameters.ts';
export { availabilityZones, DEFAULT_REGION, LOCAL_ACCOUNT_ID, partitionOf, stackIdFor } from './pseudo.ts';
export { referencedNames } from './refs.ts';
export { parseTemplate } from './yaml.ts';
