package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected answers recorded from minimatch 3.1.5 (the version azure-pipelines-task-lib 5.281.0
 * installs), with the options the task library passes: nobrace, nonegate and nocomment on, plus
 * those listed per row. Columns: pattern, path ({@code ''} for empty), options, whether it matches.
 *
 * <p>One row deliberately differs: <code>**&#47;x/y/**&#47;z/**&#47;t</code> matches {@code
 * x/y/z/t}, as in minimatch 3.0 to 3.1.2; the rewritten globstar matcher of 3.1.3 and later misses
 * it.
 */
class MinimatchConformanceTest {

  /** Hand-picked cases for each rule: dots, classes, escapes, extglobs, globstars, options. */
  private static final String CURATED =
      """
          *.zip  a.zip  -  true
          *.zip  .a.zip  -  false
          *.zip  .a.zip  dot  true
          *  .  dot  false
          *  ..  dot  false
          .*  .  -  true
          .*  ..  -  true
          .*  .hidden  -  true
          ?  a  -  true
          ?  .  dot  false
          ?  ab  -  false
          a?c  abc  -  true
          a?c  a/c  -  false
          [abc]  b  -  true
          [a-c]x  bx  -  true
          [!a-c]x  dx  -  true
          [!a-c]x  bx  -  false
          [^a-c]x  dx  -  true
          [z-a]  z  -  false
          [z-a]  [z-a]  -  true
          [abc  [abc  -  true
          [abc  a  -  false
          a[]]b  a]b  -  true
          []a]  a  -  true
          [!]  x  -  true
          [[:alpha:]]  a  -  false
          [[:alpha:]]  []  -  true
          [a-]  -  -  true
          [.]x  .x  -  false
          [.]x  .x  dot  true
          \\*  *  -  true
          \\*  x  -  false
          a\\b  ab  -  true
          \\[a]  [a]  -  true
          a\\  a\\  -  true
          @(a|b)  a  -  true
          @(a|b)  ab  -  false
          ?(a|b)c  c  -  true
          ?(a|b)c  ac  -  true
          +(ab)  ababab  -  true
          +(ab)  ''  -  false
          *(ab)c  c  -  true
          !(a)  b  -  true
          !(a)  a  -  false
          !(*.json)  x.json  -  false
          !(*.json)  x.js  -  true
          *.!(js)  a.json  -  true
          *.!(js)  a.js  -  false
          +(a|b  +(a|b  -  true
          @(a|b  @(a|b  -  true
          *(a)  .a  -  false
          !(x)  .y  -  false
          +(a)  +(a)  noext  true
          @(a|b)  @(a|b)  noext  true
          a/**  a  -  false
          a/**  a/b  -  true
          a/**  a/b/c  -  true
          a/**  a/.b  -  false
          a/**  a/.b  dot  true
          a/**/b  a/b  -  true
          a/**/b  a/x/y/b  -  true
          a/**/b  a/./b  -  false
          a/**/b  a/../b  dot  false
          **  a/b  -  true
          **  .a/b  -  false
          **/*.zip  /x/y.zip  -  true
          **/*.zip  x/.y/z.zip  -  false
          **/*.zip  x/.y/z.zip  dot  true
          a**b/c  axyb/c  -  true
          a/**b  a/x/b  -  false
          /a/**/x/**/y  /a/x/y  -  true
          /a/**/x/**/y  /a/q/x/r/y  -  true
          **/x/y/**/z/**/t  x/y/z/t  -  true
          a/*  a/b/  -  true
          a/*/  a/b  -  false
          a/*/  a/b/  -  true
          a/b  a//b  -  true
          a  /a  -  false
          /a  a  -  false
          *.ZIP  a.zip  nocase  true
          A/B  a/b  nocase  true
          [A-Z].txt  q.txt  nocase  true
          *.zip  a/b/c.zip  matchBase  true
          c.zip  a/b/c.zip  matchBase  true
          b/*.zip  a/b/c.zip  matchBase  false
          **  a/b  noglobstar  false
          a/**/b  a/x/y/b  noglobstar  false
          a/**/b  a/x/b  noglobstar  true
          """;

  /**
   * Random patterns and paths, heavy in malformed input (unclosed classes and extglobs, stray
   * brackets and bars), kept where minimatch 3.1.2 and 3.1.5 agree.
   */
  private static final String GENERATED =
      """
          !!  !!  dot+nocase+noext  true
          !(![[a-b])  !(![abba)  -  true
          !(*.b)/.a*  !(//.bb/.a  dot  false
          !(*.b)a+(a|.)@(a|!(b))A**  (Aa.b)a+ab.b@a!(b)bAa  dot+nocase+matchBase  true
          !(@b  !(@b  -  true
          !(]@()^*(^b  a]a()ba.(ab  dot+nocase  false
          !(a)[!].*.!(a)  !(A)!.A.A)/  nocase  true
          !(a)[^.]bb\\*+  !(abb.bbb+  nocase  false
          !(|.)[a  !(b.[a  dot  true
          !(|?.*  !(|b...  -  true
          !+.@(\\  +.@a  -  false
          !.a*[a-c]  !.aAba-c  dot  true
          !.bb[**(  b.bbbbb(  -  false
          !?(a|b)[a-c]  .(abaa-c]  -  false
          !?(|).*)|  bb|a.)  dot  false
          (([a-b]@([*@!*  (aabb[@!  dot  false
          ()|b  ()b  nocase  false
          (*a  (aba  dot+nocase  true
          (+(+(+!(  (a(+a+b  dot  false
          (/  (//  dot+noglobstar+matchBase  true
          )(|a!  )(|a!  dot+nocase  true
          )*(!?(*(*)  ).a(!.(baba  dot  true
          )*..*  ).a..  -  true
          )-+(+(  a-+a+(  dot+nocase  false
          )?(a|b)*.!(a).*  )aa|bb/A.a(a).aa  dot+noglobstar  false
          )??**(  )a.b.a.(  -  true
          )a?(  )aa(  nocase  true
          )b.+*+(a|  )b.++(a|  dot+nocase+noext  true
          )bb\\  )bb\\  -  true
          )|[a-b]a])  ababa])  -  false
          *!(*.b)[!a]*(b)  b..b)a!abb/  matchBase  true
          *!?(\\+b]  ba\\+b  nocase  false
          *()*(*  bb.  nocase  false
          *(*!(([^+(  .!a^(  dot+nocase  false
          *(+(-|.a.?*  baa-b.a...a  dot  false
          *(^[\\  aba  dot  false
          *(a.+(a?[a  a(a.+(aa[a  nocase  true
          *(b?  b(b.  -  true
          *).+!(.!(a  a.).+(.a  dot+nocase  false
          *)[@(@  aa@(  -  false
          **(b|!(*(  b!a(  dot  false
          **A.  aA.  dot  true
          **b*\\@(a)  //b/b@ba/  dot+nocase  false
          *-(b-)  a-(b-)  dot  true
          *.  aa.  dot+nocase  true
          *?.|**(  b.|a.(  -  true
          *\\\\/  BA\\\\/  -  true
          *a[.]  aa.  nocase  true
          +()(.^.a+(  )(.^.abb  dot  false
          +(?!a*[)^  ab!a[)  noext  false
          +(?(?(  +bba  dot+nocase  false
          +(?]\\*(  bbbaa.b  -  false
          +(\\+()?()  b\\+(b)  -  false
          +(a|.)/  a|./  -  false
          +(b*+(  baa+(  -  false
          +@b*|  +@b|  dot+nocase+matchBase  true
          +]-  +]-  -  true
          +][a-b]|^+a*(  +]babbbbab  dot+nocase  false
          +a?)  +a.b  nocase  false
          +abab|  +abab|  -  true
          +ba  +ba  -  true
          -!(a).*  -ba).Ab/  dot+nocase  true
          -!|+(!+^a)  aa|+(a^a)  dot  false
          -)|[a-b]|*  -)b[ab]a  dot  false
          -.)...  -.)...  -  true
          -\\*?(a|b)  -bAA.baba/  dot+matchBase  false
          -b-  -b-/  dot  true
          .!(b)  .bba  dot+nocase  true
          .!(|[a-b]b|)  .(|[aabab)  -  true
          .)**.!(a)b  .A.aa)b/  dot  false
          .*!(-  .!(-  dot+nocase  true
          .*!/**/.a  .a//.a  dot  false
          .*[^.][^.]\\\\  .Aab.]b^.bb\\  dot+matchBase  true
          ..[.]  ..[.a  dot  false
          .?[a  ..aa  dot  false
          .A*  .A.  -  true
          .a!*(?.a  .a/(..a  dot+nocase+noglobstar  false
          .a**[!]-!(a)  .abba[!-!a)  -  true
          .a[!]*A  .a[!]A  dot  true
          .aa.a  .aa.a  -  true
          .ab@(a|!(b))  .ababbb  dot+matchBase  true
          .b+(bbb.^|  .b(bbb.a|  dot  false
          .b..  .b..  dot  true
          .|)?  .|a.  dot  false
          .|.?|^  .b..^  dot  false
          .|^+.][b\\  .|^+.][b  nocase  false
          /**/![\\]]  /A/a[b]/  -  false
          /**/A/-.*  ///Ab/A/-./  -  true
          /**/[[:alpha:]]/@(a|b)  /A/:alpha:]]/aab/  dot  false
          /.*b/  /.ab/  nocase  true
          ?(**?)  a(b.a.a  -  true
          ?(a|b)*.!(a)[.]aA  .(ab)A..(a.]aA  -  false
          ?(a|b)[.]*  .abb..  dot  true
          ?(a|b)|.a!(*.b)[^.](  b(ab.aaa.ba.b  nocase  false
          ?*(b)/.*.!(a)  /AAbb/..!bab  noext  false
          ?*(b)[!a]  bbbbb!a]/  -  false
          ?+(?(  a+(.(  nocase  true
          ?+(^\\[a  b+(^[a  -  true
          ?.(@  a.(@  dot  true
          ?.*\\A@(a|b)**  b..b\\A@aab)  dot+nocase+noglobstar  true
          ?[ba*  b[bab  dot+nocase  true
          ?\\*(+(b!(!-  .\\aabba(a-  -  false
          ?b??+(  bb.b+(  nocase  true
          @(*a-]*  @(b.a-].  noext  true
          @(+-(**\\a  @(+-(.ba  -  true
          @(a|!(b))*(b)@(a|b).*a  @a|abb)A.b@(abb.a  dot+matchBase  true
          @(a|!(b))[!a]!(a)  @(A|!ABBBAA!(A)  nocase  true
          @(b)^b  bba^b  -  false
          @*.?  @.b  dot  true
          [!][[:alpha:]])  [aba:alpha:b])/  matchBase  false
          [)!^^  a)b^b  -  false
          [+*)^*(-  [)^(-  nocase  false
          [\\]]*@+(a|.)  b]].abb(aa.)  -  false
          [^*  [^.  dot  true
          [^.]*[a-c]*?A  a^..a-cbAaA  dot  true
          [^.]@(a|!(b))  [.]@ba|ab/  nocase+matchBase  true
          [^.]\\.*  [.a./  dot+nocase  true
          [a-c].a?(a|b)a@(a|b)  aa-cb.aa(abb)a(abb/  noglobstar+matchBase  false
          \\)b^  )b^  dot  true
          \\**.!(a)\\@(a)a[a-c]  \\/.!(a)\\aba[a-cb  dot  false
          \\*@a?((]a^  bb@aaaabaa  dot  false
          \\@(a)!(a)b[\\]][!]  @(a)(abb]a[!  dot+nocase  false
          \\@(a)([z-a]**a  b@ab([z-abbaAaa/  nocase  false
          \\@(a)|?(a|b)*]/**/  ba(a)|.aa|b)b//a//  -  false
          \\[!a  [!a  dot  true
          \\\\@(a)|-b)  b\\@aaa-bb  dot+nocase  false
          ]!\\  aa\\  -  false
          ].)[a-b]  ].)a-ba  nocase  false
          ]@()(  ((  dot  false
          ]@bb+?(+--  ]@bb+b(+--  dot  true
          ^!(b.  ^!(b.  dot  true
          ^+(a(b  ^+(a(b  dot  true
          ^-|\\)[a-b][a  ^-|)[aaba[a  -  false
          ^@(a|b)[^.]@(a|!(b))  ^bbaabb.]@(a|baba  dot  true
          a!(*[a-b]  a!bb[a-ba  dot  false
          a)*?(a+)a  a)a..baaa  nocase  true
          a)[.][]a]  /AA.A[]A]/  dot  false
          a*|a  a|a  -  true
          a?b.a]\\\\  abb.a]\\  dot  true
          ab!(.*  ab!(.  -  true
          b!((?(  b!((a(  -  true
          b!(|b  baa|b  dot  false
          b)a*(  b)a.(  dot+nocase  true
          b*@(*  bb@(.a  noext  true
          b[.|[a-b]  b[.|a-bb  nocase  false
          b\\a.*]  b\\a.bb  -  false
          b]b@(b)]!.  bbbb)].  dot+nocase  false
          ba[!]a*[]a]  ba[aab[aa]  nocase  true
          bb][.\\[a  bbb[.\\[a  -  false
          b|!..@)+(  b!..@b+(  -  false
          |**[a-b]  |.bb.[a-b  dot+nocase  true
          |*^a  |ba^a  dot  true
          |+(a\\\\)a  b(aa)a  nocase  false
          |+[)^@-@  a)^-  dot  false
          |.[!  |.[!  -  true
          |?  bb  nocase  false
          |^*baa[a-b]b!  |^baa[ab]b!  -  false
          |b[a-b]  |b[aab  nocase  false
          |ba|b.  |ba|b.  nocase  true
          ||a*.  |a.  -  false
          """;

  static List<String[]> curated() {
    return rows(CURATED);
  }

  static List<String[]> generated() {
    return rows(GENERATED);
  }

  @ParameterizedTest(name = "{0} against {1} with {2}: {3}")
  @MethodSource("curated")
  void answersHandPickedCasesAsMinimatchDoes(
      String pattern, String path, String options, String expected) {
    assertThat(matches(pattern, path, options)).isEqualTo(Boolean.parseBoolean(expected));
  }

  @ParameterizedTest(name = "{0} against {1} with {2}: {3}")
  @MethodSource("generated")
  void answersGeneratedMalformedPatternsAsMinimatchDoes(
      String pattern, String path, String options, String expected) {
    assertThat(matches(pattern, path, options)).isEqualTo(Boolean.parseBoolean(expected));
  }

  private static boolean matches(String pattern, String path, String options) {
    MatchOptions matchOptions = MatchOptions.minimatch();
    for (String option : options.split("\\+")) {
      switch (option) {
        case "dot" -> matchOptions = matchOptions.withDot(true);
        case "nocase" -> matchOptions = matchOptions.withNocase(true);
        case "noext" -> matchOptions = matchOptions.withNoext(true);
        case "noglobstar" -> matchOptions = matchOptions.withNoglobstar(true);
        case "matchBase" -> matchOptions = matchOptions.withMatchBase(true);
        case "-" -> {}
        default -> throw new IllegalArgumentException(option);
      }
    }
    return Glob.compile(pattern, matchOptions, Platform.POSIX).matches(path);
  }

  private static List<String[]> rows(String table) {
    List<String[]> rows = new ArrayList<>();
    for (String line : table.strip().split("\n")) {
      String[] columns = line.strip().split("\\s+");
      for (int i = 0; i < 2; i++) {
        if (columns[i].equals("''")) {
          columns[i] = "";
        }
      }
      rows.add(columns);
    }
    return rows;
  }
}
