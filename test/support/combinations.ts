/**
 * Four rows of two labels, one of each combination but {1,0} ({1,1} twice), and probabilities
 * for them: the fixture of the combination report and lesson 01's scores.
 */
export const Y4 = [
  [1, 1],
  [1, 1],
  [0, 1],
  [0, 0],
];
export const P4 = [
  [0.9, 0.8],
  [0.4, 0.9],
  [0.1, 0.7],
  [0.2, 0.6],
];
