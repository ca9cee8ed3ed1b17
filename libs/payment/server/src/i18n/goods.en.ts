export const goodsEn = {
  errors: {
    itemNotFound: 'This item does not exist in the catalogue or is inactive.',
    itemTwice: 'An item appears twice in the rules.',
    quantityPositive: 'The quantity must be greater than zero.',
    reasonRequired: 'An adjustment needs a reason.',
    noRules: 'The programme has no goods rules yet: save them first.',
    cycleHasDistribution: 'This cycle already has a goods distribution.',
    generationRunning: "The distribution's entitlements are still being generated.",
    distributionNotFound: 'This goods distribution does not exist or is outside your areas.',
    entitlementNotFound: 'This entitlement does not exist or is outside your areas.',
    empty: 'The distribution has no entitlement to approve.',
    stockNegative: 'The stock cannot go below zero ({available} in stock).',
  },
};

export const agentEn = {
  errors: {
    badCursor: 'The cursor is not one this server gave.',
    photoNotFound: 'No photo of this person for your payment points.',
  },
  conflicts: {
    ALREADY_PAID: 'Already paid or delivered.',
    CANCELLED: 'This line was cancelled.',
    NOT_ASSIGNED: 'This line is not assigned to your payment point.',
    NOT_PAYABLE: 'This line is not waiting for payment or delivery.',
    OUT_OF_STOCK: 'Not enough stock at the payment point.',
    AMOUNT_MISMATCH: 'The amount differs from the line.',
    CLIENT_ID_REUSED: 'This client id was already used for another delivery.',
    INVALID_PHOTO: 'The photo must be a JPEG, PNG or WebP image of at most 512 KB.',
    DELIVERED_BEFORE_SUBMISSION: 'The delivery time is before this payment was sent to the payment point: check the date and time of the device.',
    DELIVERED_IN_FUTURE: 'The delivery time is in the future: check the date and time of the device.',
  },
};
