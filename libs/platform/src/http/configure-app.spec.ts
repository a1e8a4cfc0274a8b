import fastify from 'fastify';
import { loadConfig } from '../config/app-config';
import { fastifyOptions } from './configure-app';

/**
 * The app's Fastify loads its schema compilers (Ajv, fast-json-stringify) only when a route with a
 * schema asks for them (test/start-loading checks that a start loads neither). A route that has
 * one still gets Fastify's usual validation and serialisation.
 */
describe("Fastify's options: schema compilers loaded on first use", () => {
  const app = fastify(fastifyOptions(loadConfig({})));
  let base: string;

  beforeAll(async () => {
    app.post(
      '/echo',
      {
        schema: {
          body: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', minLength: 2 } },
          },
          response: { 200: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      },
      (request, reply) => reply.send({ ...(request.body as object), secret: 'not in the schema' }),
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  const post = (body: unknown) =>
    fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  afterAll(() => app.close());

  it('validates a body by the route’s schema', async () => {
    const res = await post({ name: 'x' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/must NOT have fewer than 2 characters/);
  });

  it('serialises an answer by the route’s schema: fields outside it are not sent', async () => {
    const res = await post({ name: 'Cần Thơ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Cần Thơ' });
  });
});
