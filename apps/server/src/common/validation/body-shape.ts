import type { NextFunction, Request, Response } from 'express';
import { BodyRefused } from '../errors';

/**
 * Bounds on the shape of a parsed JSON body. Every request body of the API is a small object;
 * these are far above what any route needs (the largest is 5,000 ids in one array) and far below
 * what makes class-transformer and class-validator slow (they are superlinear in keys and array
 * items, and recursive, so deep nesting overflows the stack).
 */
export interface BodyShapeLimits {
  maxDepth: number;
  maxKeysPerObject: number;
  maxArrayLength: number;
  /** Objects, arrays and values counted together. */
  maxNodes: number;
}

export const BODY_SHAPE_LIMITS: BodyShapeLimits = {
  maxDepth: 10,
  maxKeysPerObject: 100,
  maxArrayLength: 5000,
  maxNodes: 20_000,
};

/** Body size limits: login and setup are public, so they get a few KB only. */
export const AUTH_BODY_LIMIT = '4kb';
export const BODY_LIMIT = '256kb';

/**
 * What is wrong with the shape of `body`, or null. Walks iteratively with a budget, so a hostile
 * body costs at most `maxNodes` steps and cannot overflow the stack.
 */
export function bodyShapeProblem(
  body: unknown,
  limits: BodyShapeLimits = BODY_SHAPE_LIMITS,
): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return 'the request body must be a JSON object';
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 1 }];
  let nodes = 0;
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (++nodes > limits.maxNodes)
      return `the request body has more than ${limits.maxNodes} values`;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth)
      return `the request body is nested deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength)
        return `an array in the request body has more than ${limits.maxArrayLength} items`;
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    let keys = 0;
    for (const key in value) {
      if (++keys > limits.maxKeysPerObject)
        return `an object in the request body has more than ${limits.maxKeysPerObject} keys`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}

/** Methods whose requests are a change described by a body; without one they mean nothing. */
const BODY_REQUIRED = new Set(['PUT', 'PATCH']);

/**
 * Runs after the JSON body parser, before routing and validation: refuses a JSON body of a
 * hostile shape at the cost of one bounded walk, and an API PUT/PATCH without a JSON object body.
 */
export function bodyShapeGuard(limits: BodyShapeLimits = BODY_SHAPE_LIMITS) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    // The JSON parser turns an empty body (Content-Length: 0) into {}; that is no body here.
    const parsedJson =
      typeof req.is('application/json') === 'string' &&
      req.body !== undefined &&
      req.headers['content-length'] !== '0';
    if (parsedJson) {
      const problem = bodyShapeProblem(req.body, limits);
      if (problem) return next(new BodyRefused(`Refused: ${problem}.`));
    } else if (BODY_REQUIRED.has(req.method) && req.path.startsWith('/api/')) {
      return next(
        new BodyRefused(
          'A JSON object body is required: send Content-Type: application/json and the changes.',
        ),
      );
    }
    next();
  };
}
