/** A phone-sized screen: the width below which styles.css folds the top bar, filters and columns. Keep the two in step. */
export const PHONE_QUERY = '(max-width: 760px)';
