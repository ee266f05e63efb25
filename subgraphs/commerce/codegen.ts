import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.ts#Context',
        scalars: { DateTime: 'Date' },
        mappers: {
          Brand: '../db/schema.ts#BrandRow',
          Product: '../db/schema.ts#ProductRow',
          Catalog: '../db/schema.ts#CatalogRow',
          AffiliateLink: '../db/schema.ts#AffiliateLinkView',
          AffiliateClick: '../db/schema.ts#AffiliateClickRow',
          CommissionDeal: '../db/schema.ts#CommissionDealRow',
          Order: '../db/schema.ts#OrderRow',
          OrderLine: '../db/schema.ts#OrderLineView',
          CheckoutPayload: '../db/schema.ts#CheckoutResult',
          Money: '@app/kit/money#Money as MoneyValue',
          // Entities other subgraphs own: commerce resolves them from their id alone (and, for a
          // creator's earnings, the gift earnings the gateway brings from gifts).
          Creator: '../db/schema.ts#CreatorRef',
          User: '../db/schema.ts#EntityRef',
          Video: '../db/schema.ts#EntityRef',
          LiveStream: '../db/schema.ts#EntityRef',
        },
      },
    },
  },
};
export default config;
