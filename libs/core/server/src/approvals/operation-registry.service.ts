import { Injectable, type OnModuleInit, type PipeTransform, type Type } from '@nestjs/common';
import { CUSTOM_ROUTE_ARGS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { instanceToPlain } from 'class-transformer';
import { createValidationPipe } from '../graphql/validation';
import { APPROVABLE_OPERATION, type ApprovableOperationMetadata, type ApprovableOperationOptions } from './approvable-operation.decorator';
import { toPlainJson } from '../json/canonical-json';

// @nestjs/graphql's GqlParamtype values (the enum is not exported by the package)
const GQL_PARAM_KINDS: Record<string, 'root' | 'context' | 'info' | 'args'> = { '0': 'root', '1': 'context', '2': 'info', '3': 'args' };

type CustomFactory = (data: unknown, context: ExecutionContextHost) => unknown;

interface ParamSpec {
  index: number;
  kind: 'root' | 'context' | 'info' | 'args' | 'custom';
  /** Argument name (`@Args('input')`), context property, or custom decorator data. */
  data: unknown;
  metatype: Type<unknown> | undefined;
  pipes: PipeTransform[];
  factory?: CustomFactory;
}

export interface ApprovableEntry {
  operation: string;
  options: ApprovableOperationOptions;
  instance: object;
  methodName: string;
  method: (...args: unknown[]) => unknown;
  params: ParamSpec[];
  /** Class- and method-level pipes (`@UsePipes`), applied after the global validation pipe. */
  pipes: PipeTransform[];
}

/**
 * Finds the methods marked with @ApprovableOperation at start-up, and knows how to turn their
 * arguments into a stored payload and a stored payload back into arguments, validated again the way
 * the global ValidationPipe and the parameter pipes do for a live request.
 */
@Injectable()
export class OperationRegistry implements OnModuleInit {
  private readonly entries = new Map<string, ApprovableEntry>();
  private readonly validation = createValidationPipe();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[methodName];
        if (typeof method !== 'function') continue;
        const metadata = Reflect.getMetadata(APPROVABLE_OPERATION, method) as ApprovableOperationMetadata | undefined;
        if (!metadata) continue;
        const existing = this.entries.get(metadata.operation);
        if (existing) {
          throw new Error(`Approvable operation "${metadata.operation}" is declared twice: ${existing.instance.constructor.name}.${existing.methodName} and ${instance.constructor.name}.${methodName}`);
        }
        this.entries.set(metadata.operation, {
          operation: metadata.operation,
          options: metadata.options,
          instance,
          methodName,
          method: method as (...args: unknown[]) => unknown,
          params: await this.paramsOf(instance, methodName),
          pipes: await this.pipes([
            ...((Reflect.getMetadata(PIPES_METADATA, instance.constructor) as unknown[]) ?? []),
            ...((Reflect.getMetadata(PIPES_METADATA, method) as unknown[]) ?? []),
          ]),
        });
      }
    }
  }

  operations(): string[] {
    return [...this.entries.keys()].sort();
  }

  get(operation: string): ApprovableEntry | undefined {
    return this.entries.get(operation);
  }

  /** The GraphQL arguments of a call, as plain JSON: `{ input: {...} }`, or the fields of an `@Args()` class. */
  payloadOf(entry: ApprovableEntry, args: readonly unknown[]): Record<string, unknown> {
    const payload: Record<string, unknown> = {};
    for (const param of entry.params) {
      if (param.kind !== 'args' || args[param.index] === undefined) continue;
      const value = toPlainJson(instanceToPlain(args[param.index]));
      if (typeof param.data === 'string') payload[param.data] = value;
      else Object.assign(payload, value);
    }
    return payload;
  }

  /**
   * Arguments for calling the method with a stored payload: each argument goes through the global
   * validation pipe (plainToInstance + class-validator), the class/method pipes and its own pipes.
   * Throws the same validation AppError a live request would get.
   */
  async argumentsFor(entry: ApprovableEntry, payload: Record<string, unknown>, graphqlContext: Record<string, unknown>): Promise<unknown[]> {
    const args: unknown[] = new Array(Math.max(0, ...entry.params.map((p) => p.index + 1))).fill(undefined);
    const host = new ExecutionContextHost([undefined, payload, graphqlContext, undefined], entry.instance.constructor as Type<unknown>, entry.method);
    host.setType('graphql');
    for (const param of entry.params) {
      let value: unknown;
      if (param.kind === 'args') value = typeof param.data === 'string' ? payload[param.data] : { ...payload };
      else if (param.kind === 'context') value = typeof param.data === 'string' ? graphqlContext[param.data] : graphqlContext;
      else if (param.kind === 'custom') value = param.factory?.(param.data, host);
      if (param.kind === 'args' || param.kind === 'custom') {
        const metadata = { type: param.kind === 'args' ? ('body' as const) : ('custom' as const), metatype: param.metatype, data: typeof param.data === 'string' ? param.data : undefined };
        for (const pipe of [this.validation, ...entry.pipes, ...param.pipes]) value = await pipe.transform(value, metadata);
      }
      args[param.index] = value;
    }
    return args;
  }

  private async paramsOf(instance: object, methodName: string): Promise<ParamSpec[]> {
    const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, instance.constructor, methodName) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[]; factory?: CustomFactory }>;
    const paramTypes = (Reflect.getMetadata('design:paramtypes', Object.getPrototypeOf(instance), methodName) ?? []) as (Type<unknown> | undefined)[];
    const params: ParamSpec[] = [];
    for (const [key, param] of Object.entries(metadata)) {
      const kind: ParamSpec['kind'] = key.includes(CUSTOM_ROUTE_ARGS_METADATA) ? 'custom' : (GQL_PARAM_KINDS[key.split(':')[0]] ?? 'custom');
      if (kind === 'custom' && !param.factory) throw new Error(`${instance.constructor.name}.${methodName}: unsupported parameter for an approvable operation`);
      params.push({ index: param.index, kind, data: param.data, metatype: paramTypes[param.index], pipes: await this.pipes(param.pipes ?? []), factory: param.factory });
    }
    return params.sort((a, b) => a.index - b.index);
  }

  private async pipes(pipes: unknown[]): Promise<PipeTransform[]> {
    const instances: PipeTransform[] = [];
    for (const pipe of pipes) {
      if (typeof pipe === 'function') instances.push(await this.moduleRef.create(pipe as Type<PipeTransform>));
      else if (pipe && typeof (pipe as PipeTransform).transform === 'function') instances.push(pipe as PipeTransform);
    }
    return instances;
  }
}
