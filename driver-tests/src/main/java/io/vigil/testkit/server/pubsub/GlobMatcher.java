package io.vigil.testkit.server.pubsub;

/**
 * Redis's {@code stringmatchlen}: glob patterns with {@code *}, {@code ?}, {@code [a-z]},
 * {@code [^x]} and backslash escapes, over bytes. Used by KEYS, SCAN MATCH, PSUBSCRIBE and
 * CONFIG GET.
 */
public final class GlobMatcher {

  private GlobMatcher() {}

  /** Whether {@code string} matches {@code pattern}. */
  public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase, 0, new boolean[1]);
  }

  /**
   * {@code skipLongerMatches} is Redis's guard against exponential backtracking: once the rest
   * of a pattern after a {@code *} matches nowhere in the remaining string, no earlier {@code *}
   * can help by matching more.
   */
  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int nesting,
      boolean[] skipLongerMatches) {
    if (nesting > 1000) {
      return false;
    }
    int plen = p.length;
    int slen = s.length;
    while (pi < plen && si <= slen) {
      byte c = p[pi];
      switch (c) {
        case '*':
          while (pi + 1 < plen && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == plen) {
            return true;
          }
          for (int k = si; k < slen; k++) {
            if (match(p, pi + 1, s, k, nocase, nesting + 1, skipLongerMatches)) {
              return true;
            }
            if (skipLongerMatches[0]) {
              return false;
            }
          }
          skipLongerMatches[0] = true;
          return false;
        case '?':
          if (si >= slen) {
            return false;
          }
          si++;
          break;
        case '[': {
          if (si >= slen) {
            return false;
          }
          pi++;
          boolean not = pi < plen && p[pi] == '^';
          if (not) {
            pi++;
          }
          boolean matched = false;
          while (true) {
            if (pi >= plen) {
              pi--;
              break;
            }
            if (p[pi] == '\\' && pi + 2 < plen) {
              pi++;
              if (p[pi] == s[si]) {
                matched = true;
              }
            } else if (p[pi] == ']') {
              break;
            } else if (pi + 2 < plen && p[pi + 1] == '-') {
              int start = p[pi] & 0xff;
              int end = p[pi + 2] & 0xff;
              int ch = s[si] & 0xff;
              if (start > end) {
                int t = start;
                start = end;
                end = t;
              }
              if (nocase) {
                start = Character.toLowerCase(start);
                end = Character.toLowerCase(end);
                ch = Character.toLowerCase(ch);
              }
              pi += 2;
              if (ch >= start && ch <= end) {
                matched = true;
              }
            } else if (eq(p[pi], s[si], nocase)) {
              matched = true;
            }
            pi++;
          }
          if (not) {
            matched = !matched;
          }
          if (!matched) {
            return false;
          }
          si++;
          break;
        }
        case '\\':
          if (pi + 1 < plen) {
            pi++;
          }
          // fall through: literal
        default:
          if (si >= slen || !eq(p[pi], s[si], nocase)) {
            return false;
          }
          si++;
          break;
      }
      pi++;
      if (si == slen) {
        while (pi < plen && p[pi] == '*') {
          pi++;
        }
        break;
      }
    }
    return pi == plen && si == slen;
  }

  private static boolean eq(byte a, byte b, boolean nocase) {
    if (a == b) {
      return true;
    }
    return nocase && Character.toLowerCase(a & 0xff) == Character.toLowerCase(b & 0xff);
  }
}
