import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import {
  ACCESS_POLICY,
  type AccessPolicy,
  IF_MATCH_METADATA,
  type IfMatchUse,
  PUBLIC_ROUTE,
} from '@app/platform';

export interface Route {
  method: string;
  /** Express-style path, e.g. `/api/v1/organisations/:id`. */
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  policy?: AccessPolicy;
  /** Whether the route requires If-Match or checks it when sent. */
  ifMatch?: IfMatchUse;
  /** The class of its `@Body()`, when it takes one. */
  bodyType?: Type<unknown>;
}

function join(...parts: (string | undefined)[]): string {
  const path = parts
    .filter((p): p is string => p !== undefined && p !== '' && p !== '/')
    .map((p) => p.replace(/^\/|\/$/g, ''))
    .join('/');
  return `/${path}`;
}

/** The class a handler's `@Body()` parameter is declared with, if it has one. */
function bodyTypeOf(controller: Type<unknown>, handler: string): Type<unknown> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    { index: number }
  >;
  const body = Object.entries(args).find(([key]) => key.startsWith(`${RouteParamtypes.BODY}:`));
  if (!body) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', controller.prototype, handler) as
    Type<unknown>[] | undefined;
  return types?.[body[1].index];
}

/** Every route the app registers, read from Nest's own metadata (the route table). */
export function listRoutes(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const policy =
          (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ??
          (Reflect.getMetadata(ACCESS_POLICY, controller) as AccessPolicy | undefined);
        const isPublic = Boolean(
          Reflect.getMetadata(PUBLIC_ROUTE, handler) ??
          Reflect.getMetadata(PUBLIC_ROUTE, controller),
        );
        routes.push({
          method: RequestMethod[method],
          path: join(base, path),
          controller: controller.name,
          handler: name,
          isPublic,
          policy,
          ifMatch: Reflect.getMetadata(IF_MATCH_METADATA, handler) as IfMatchUse | undefined,
          bodyType: bodyTypeOf(controller, name),
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** `/api/v1/x/:id` → `/api/v1/x/{id}` as OpenAPI writes it. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
