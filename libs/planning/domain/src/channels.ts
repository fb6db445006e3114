/** The media channels of a plan (DOMAIN.md "Media plan"). */
export const CHANNELS = ['tv', 'radio', 'newspaper', 'magazine', 'outdoor', 'online', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];
