// Governance reviews of an AI seat: the kinds, their states, and which ones production requires.
export const REVIEW_KINDS = ["security", "privacy", "compliance", "risk", "operations", "architecture"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATES = ["pending", "approved", "rejected"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const DEFAULT_REQUIRED_REVIEWS: ReviewKind[] = ["security", "privacy", "operations"];

export const isReviewKind = (text: string): text is ReviewKind => (REVIEW_KINDS as readonly string[]).includes(text);
export const isReviewState = (text: string): text is ReviewState => (REVIEW_STATES as readonly string[]).includes(text);

export interface Review {
  kind: ReviewKind;
  state: ReviewState;
  note: string | null;
  by: string;
  at: Date;
}
