package io.pipelinetasks.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReqTest {
  @Test
  void formsAndQueriesDecodePlusAndPercentButPathsKeepPlus() {
    Map<String, List<String>> form =
        Req.parseForm("scope=https%3A%2F%2Fvault.azure.net%2F.default+openid&empty=&flag&a=1&a=2");

    assertThat(form.get("scope")).containsExactly("https://vault.azure.net/.default openid");
    assertThat(form.get("empty")).containsExactly("");
    assertThat(form.get("flag")).containsExactly("");
    assertThat(form.get("a")).containsExactly("1", "2");
    assertThat(Req.percentDecode("/secrets/a+b%20c%E2%82%AC")).isEqualTo("/secrets/a+b c€");
    assertThat(Req.percentDecode("100%")).isEqualTo("100%");
  }

  @Test
  void thePortIsStrippedFromHostsIncludingIpv6Literals() {
    assertThat(Req.stripPort("demo-kv.vault.azure.net:8443")).isEqualTo("demo-kv.vault.azure.net");
    assertThat(Req.stripPort("[::1]:8443")).isEqualTo("[::1]");
    assertThat(Req.stripPort("localhost")).isEqualTo("localhost");
  }
}
