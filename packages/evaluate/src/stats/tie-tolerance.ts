/** Scores or differences closer than this are equal: float noise (0.3 − 0.2 against 0.1) must not break a tie. */
export const TIE_TOLERANCE = 1e-9;
