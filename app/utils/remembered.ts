/**
 * A function of a short text key (a date, a stored value) that keeps its answers: for pure
 * functions asked the same things request after request (a calendar's dates, the figures of
 * an agency's last twelve reports). At most `max` answers, then it starts again, so it stays
 * bounded whatever is asked. A call that throws keeps nothing.
 */
export function remembered<T>(compute: (key: string) => T, max = 20_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= max) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
