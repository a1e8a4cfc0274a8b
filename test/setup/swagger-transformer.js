// The @nestjs/swagger CLI plugin as a ts-jest AST transformer, so DTOs are documented in tests as
// they are in `nest build` (the options mirror nest-cli.json).
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
// Bump when the options change, so ts-jest's cache is refreshed.
module.exports.version = 2;
module.exports.factory = (compilerService) =>
  transformer.before(
    {
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts', '.entity.ts'],
      // Routes document themselves through the route decorators (@GetRoute, …); the plugin would
      // add a second, guessed response to every controller method it cannot read.
      controllerFileNameSuffix: [],
    },
    compilerService.program,
  );
