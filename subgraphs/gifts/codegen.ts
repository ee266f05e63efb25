import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  GiftOffer: '../mappers.ts#GiftOfferRow',
  LiveGift: '../mappers.ts#LiveGiftRow',
  Money: '@app/kit/money#Money as MoneyValue',
  Creator: '../mappers.ts#CreatorRef',
  Brand: '../mappers.ts#BrandRef',
  LiveStream: '../mappers.ts#LiveStreamRef',
  User: '../mappers.ts#UserRef',
  Wallet: '../mappers.ts#WalletRef',
  SmallGesture: '../mappers.ts#SmallGestureSendRow',
  SmallGestureOffers: '../mappers.ts#SendableOffers',
  LiveGiftSend: '../mappers.ts#LiveGiftSendRow',
  CoinPurchase: '../mappers.ts#CoinPurchaseRow',
  GiftPayout: '../mappers.ts#GiftPayoutRow',
  GiftEarnings: '../mappers.ts#GiftEarningsRef',
  GiftEarningsAmount: '../giftPayouts.ts#DiamondsWorth',
  CoinPackage: '../coinPackages.ts#CoinPackage as CoinPackageDef',
  TopGifter: '../mappers.ts#TopGifterRow',
  LiveGiftEvent: '../mappers.ts#LiveGiftEventView',
});
