import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';

const ACCESS_DIRECTIVES = new Set(['auth', 'scopes']);

/**
 * Mutations in an SDL document that carry neither `@auth` nor `@scopes` (on the field or the
 * Mutation type). Every write must say who may make it.
 */
export function mutationsWithoutAccess(sdl: string): string[] {
  const document = parse(sdl);
  const mutationNodes = document.definitions.filter(
    (definition): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation',
  );
  const typeGuarded = mutationNodes.some((node) => node.directives?.some((directive) => ACCESS_DIRECTIVES.has(directive.name.value)));
  if (typeGuarded) return [];
  const fields: FieldDefinitionNode[] = mutationNodes.flatMap((node) => [...(node.fields ?? [])]);
  return fields
    .filter((field) => !field.directives?.some((directive) => ACCESS_DIRECTIVES.has(directive.name.value)))
    .map((field) => `Mutation.${field.name.value}`);
}
