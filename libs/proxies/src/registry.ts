import { unknownName, type Proxy } from '@alsatian/core';
import { KnnProxy, type KnnProxyOptions } from './knn.ts';
import { LinearProxy, type LinearProxyOptions } from './linear/linear-proxy.ts';
import { LogMeProxy } from './logme.ts';

/** What a registry row knows: a one-line description and how to build the proxy from its options. */
export interface ProxyDefinition<Options extends object> {
  readonly description: string;
  create(options?: Options): Proxy;
}

/** Every proxy by name. Add a proxy by adding a row; the name union below follows. */
export const PROXIES = {
  linear: {
    description: 'Linear layer trained with SGD (lr 0.1, 100 epochs) on the train features; top-1 test accuracy.',
    create: (options?: LinearProxyOptions) => new LinearProxy(options),
  },
  knn: {
    description: '1-nearest-neighbour top-1 test accuracy (cosine or euclidean).',
    create: (options?: KnnProxyOptions) => new KnnProxy(options),
  },
  logme: {
    description: 'LogME: mean per-class Bayesian linear-regression log evidence on the train features.',
    create: (options?: object) => new LogMeProxy(options),
  },
} as const satisfies Record<string, ProxyDefinition<never>>;

export type ProxyName = keyof typeof PROXIES;
export type ProxyOptions<N extends ProxyName> = NonNullable<Parameters<(typeof PROXIES)[N]['create']>[0]>;

export const PROXY_NAMES = Object.keys(PROXIES) as ProxyName[];

export function isProxyName(name: string): name is ProxyName {
  return Object.hasOwn(PROXIES, name);
}

/** Builds the proxy called `name`; an unknown name throws InvalidArgumentError listing the known ones. */
export function createProxy<N extends ProxyName>(name: N, options?: ProxyOptions<N>): Proxy;
export function createProxy(name: string, options?: object): Proxy;
export function createProxy(name: string, options?: object): Proxy {
  if (!isProxyName(name)) unknownName('proxy', name, PROXY_NAMES);
  return (PROXIES[name].create as (o?: object) => Proxy)(options);
}
