import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  GiftOffer: '../db/schema.ts#GiftOfferRow',
  LiveGift: '../db/schema.ts#LiveGiftRow',
  Money: '@app/kit/money#Money as MoneyValue',
  Creator: '../db/schema.ts#CreatorRef',
  Brand: '../db/schema.ts#BrandRef',
  LiveStream: '../db/schema.ts#LiveStreamRef',
  User: '../db/schema.ts#UserRef',
  Wallet: '../db/schema.ts#WalletRef',
  SmallGesture: '../db/schema.ts#SmallGestureSendRow',
  SmallGestureOffers: '../smallGestures.ts#SendableOffers',
  LiveGiftSend: '../db/schema.ts#LiveGiftSendRow',
  CoinPurchase: '../db/schema.ts#CoinPurchaseRow',
  GiftPayout: '../db/schema.ts#GiftPayoutRow',
  GiftEarnings: '../db/schema.ts#GiftEarningsRef',
  GiftEarningsAmount: '../giftPayouts.ts#DiamondsWorth',
  CoinPackage: '../coinPackages.ts#CoinPackage as CoinPackageDef',
  TopGifter: '../db/schema.ts#TopGifterRow',
  LiveGiftEvent: '../db/schema.ts#LiveGiftEventView',
});
