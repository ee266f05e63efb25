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
          GiftOffer: '../db/schema.ts#GiftOfferRow',
          LiveGift: '../db/schema.ts#LiveGiftRow',
          Money: '@app/kit/money#Money as MoneyValue',
          Creator: '../db/schema.ts#CreatorRef',
          LiveStream: '../db/schema.ts#LiveStreamRef',
          User: '../db/schema.ts#UserRef',
          Wallet: '../db/schema.ts#WalletRef',
          SmallGesture: '../db/schema.ts#SmallGestureSendRow',
          LiveGiftSend: '../db/schema.ts#LiveGiftSendRow',
          CoinPurchase: '../db/schema.ts#CoinPurchaseRow',
          CoinPackage: '../coinPackages.ts#CoinPackage as CoinPackageDef',
          TopGifter: '../db/queries.ts#TopGifterRow',
        },
      },
    },
  },
};
export default config;
