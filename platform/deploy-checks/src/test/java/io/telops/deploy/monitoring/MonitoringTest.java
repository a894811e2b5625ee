package io.telops.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.kustomize.KustomizeRenderer;
import io.telops.deploy.manifest.KubernetesModel;
import io.telops.deploy.manifest.TypedManifest;
import io.telops.deploy.manifest.YamlDocuments;

/**
 * The optional monitoring component (k8s/components/monitoring), rendered into the example overlay
 * prod-monitoring: a ServiceMonitor per service on /q/metrics, alerts and a dashboard whose every PromQL
 * expression parses and reads only series the services' code registers.
 */
class MonitoringTest {
    private static ExportedMetrics exported;
    private static List<Map<String, Object>> rendered;

    @BeforeAll
    static void renderAndScan() {
        exported = ExportedMetrics.scan(RepositoryFiles.root(),
                TelopsServices.ALL.stream().map(DeployedService::name).toList());
        rendered = new KustomizeRenderer().render(RepositoryFiles.k8s().resolve("overlays/prod-monitoring"));
    }

    @Test
    void theScannerNamesSeriesAsMicrometersPrometheusRegistryDoes() {
        assertThat(exported.seriesNames()).contains(
                "telops_agi_protocol_errors_total",         // counter: dots to underscores, _total
                "telops_provisioning_configs_served_total", // already in Prometheus form: no second _total
                "vats_sync_runs_seconds_count", "vats_sync_runs_seconds_max", // timer: _seconds then _count/_sum/_max
                "telops_ingest_publish_latency_seconds_bucket", // percentile histogram
                "telops_agi_blocking_wait_seconds_bucket",  // AgiMetrics.histogram(...)
                "telops_outbox_depth", "vats_cabinet_up", // gauges
                "telops_ingest_store_group_pushes_count",   // distribution summary
                "dashboard_consumer_record_waited_seconds_max");
        assertThat(exported.seriesNames()).doesNotContain("vats_sync_runs_seconds_bucket", "telops_agi_protocol_errors",
                "telops_provisioning_configs_served_total_total");
        assertThat(exported.metersOf("telops_agi_peers_refused_total").orElseThrow())
                .singleElement().satisfies(m -> assertThat(m.service()).isEqualTo("billing-agi-service"));
    }

    @Test
    void theOverlayScrapesEveryServiceOnQMetricsThroughItsHttpPort() {
        for (DeployedService service : TelopsServices.ALL) {
            Map<String, Object> monitor = find("ServiceMonitor", service.name());
            assertThat(at(monitor, "metadata.namespace")).isEqualTo("telops");
            assertThat(at(monitor, "spec.selector.matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", service.name()));
            assertThat((List<?>) at(monitor, "spec.endpoints")).singleElement()
                    .satisfies(e -> assertThat(e.toString()).contains("port=http").contains("path=/q/metrics"));
            // the Service it selects has that port, on the service's HTTP port
            Map<String, Object> svc = find("Service", service.name());
            assertThat(at(svc, "metadata.labels").toString()).contains("app.kubernetes.io/name=" + service.name());
            assertThat(at(svc, "spec.ports").toString()).contains("name=http").contains("port=" + service.httpPort());
        }
        assertThat(rendered).filteredOn(o -> "PrometheusRule".equals(o.get("kind"))).hasSize(1);
        Map<String, Object> dashboard = find("ConfigMap", "telops-grafana-dashboard");
        assertThat(at(dashboard, "metadata.labels").toString()).contains("grafana_dashboard=1");
        assertThat(at(dashboard, "metadata.namespace")).isEqualTo("telops");
    }

    @Test
    void theComponentLeavesTheServicesObjectsAsProdHasThem() {
        List<Map<String, Object>> prod = new KustomizeRenderer().render(RepositoryFiles.k8s().resolve("overlays/prod"));
        List<Map<String, Object>> services = rendered.stream()
                .filter(o -> !String.valueOf(o.get("apiVersion")).startsWith("monitoring.coreos.com/")
                        && !name(o).equals("telops-grafana-dashboard"))
                .toList();
        assertThat(services).isEqualTo(prod);
    }

    @Test
    void theMonitoringObjectsAreTypedWithoutUnknownFields() {
        KubernetesModel model = new KubernetesModel();
        List<TypedManifest> monitoring = rendered.stream()
                .filter(o -> String.valueOf(o.get("apiVersion")).startsWith("monitoring.coreos.com/"))
                .map(o -> model.read(o, "prod-monitoring")).toList();
        assertThat(monitoring).hasSize(TelopsServices.ALL.size() + 1);
        monitoring.forEach(m -> assertThat(m.unknownFields()).as(m.describe()).isEmpty());
    }

    @Test
    void everyAlertAndDashboardQueryParsesAndReadsOnlyExportedSeries() {
        assertThat(new MonitoringChecks(exported).problems(rendered)).isEmpty();
        assertThat(MonitoringChecks.ruleExpressions(rendered)).hasSizeGreaterThanOrEqualTo(15);
        assertThat(MonitoringChecks.dashboardQueries(rendered)).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theAlertsWatchWhatIssue17Names() {
        List<String> read = new ArrayList<>();
        MonitoringChecks.ruleExpressions(rendered).forEach(f -> read.addAll(PromQl.parse(f.expression()).metrics()));
        assertThat(read).contains(
                "dashboard_consumer_record_waited_seconds_max", "telops_ingest_raw_archive_lag_ms", // consumer lag
                "telops_outbox_depth", "telops_outbox_lag_seconds", "telops_ingest_publish_latency_seconds_bucket", // outbox
                "telops_outbox_publish_failures_total",
                "telops_ingest_requests_rejected_total",                                          // push rejections
                "telops_agi_protocol_errors_total", "telops_agi_peers_refused_total",             // FastAGI
                "callforward_sms_total",                                                          // SMS failures
                "vats_sync_runs_seconds_count", "vats_sync_guard_tripped_total",                  // trunk sync
                "telops_provisioning_throttled_total", "telops_provisioning_fetches_refused_total"); // auth bursts
    }

    @Test
    void aMisspeltMetricAndAMalformedExpressionAreCaught() {
        List<Map<String, Object>> broken = YamlDocuments.load(RepositoryFiles.fixture("monitoring/broken-rule.yaml"));
        List<String> problems = new MonitoringChecks(exported).problems(broken);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("MisspeltMetric")
                .contains("metric telops_agi_protocol_error_total is not exported by any service"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("TimerWithoutUnit")
                .contains("metric vats_sync_runs_count is not exported"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("RateWithoutRange").contains("rate needs a range vector"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("UnbalancedParentheses").contains("expected )"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("UnknownFunction").contains("unknown function rates"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("UnknownFunction").contains("for '5 minutes' is not a duration"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("UnknownFunction").contains("severity must be"));
        assertThat(problems).hasSize(7);
    }

    @Test
    void aMisspeltMetricInTheDashboardIsCaught() {
        Map<String, Object> configMap = YamlDocuments.deepCopy(find("ConfigMap", "telops-grafana-dashboard"));
        List<Map<String, Object>> copy = List.of(configMap);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) configMap.get("data");
        data.put("telops.json", String.valueOf(data.get("telops.json")).replace("callforward_sms_total", "callforward_sms_sent_total"));
        assertThat(new MonitoringChecks(exported).problems(copy)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("panel 'SMS'").contains("callforward_sms_sent_total is not exported"));
    }

    @Test
    void thePromQlParserFollowsPrometheusGrammarAndTypes() {
        List<String> good = List.of(
                "up",
                "sum by (a, b) (rate(x_total{a=\"1\", b=~\"x|y\"}[5m])) > 0",
                "sum(rate(x_total[5m])) without (a)",
                "histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m])))",
                "a / on (job) group_left (x) b",
                "(a or b or c) > 0",
                "a > bool 2",
                "a > 0 unless b > 0",
                "-a ^ 2 + 1 * -3",
                "max_over_time(rate(x_total[5m])[1h:1m])",
                "x offset 5m",
                "x @ start()",
                "topk(3, x)",
                "count_values(\"v\", x)",
                "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")",
                "quantile_over_time(0.9, x[10m])",
                "{__name__=~\"x.*\"}",
                "x[1h30m]",
                "absent(x) == 1");
        for (String expr : good) {
            PromQl.parse(expr);
        }
        assertThat(PromQl.parse("sum by (topic) (a_total) / ignoring (x) b + c{d=\"e\"}").metrics()).containsExactly("a_total", "b", "c");
        assertThat(PromQl.parse("vector(1)").type()).isEqualTo(PromQl.ValueType.VECTOR);
        assertThat(PromQl.parse("1 + 2").type()).isEqualTo(PromQl.ValueType.SCALAR);

        Map<String, String> bad = Map.ofEntries(
                Map.entry("rate(x)", "needs a range vector"),
                Map.entry("sum(x[5m])", "aggregates an instant vector"),
                Map.entry("x[5m] + 1", "needs scalars or instant vectors"),
                Map.entry("sum(rate(x[5m])", "expected )"),
                Map.entry("sum(x))", "expected end of expression"),
                Map.entry("rate(x[5])", "expected a duration"),
                Map.entry("foo(x)", "unknown function foo"),
                Map.entry("x{a=1}", "a quoted label value"),
                Map.entry("x{a==\"1\"}", "label matcher operator"),
                Map.entry("1 > 2", "must use bool"),
                Map.entry("a and 1", "needs instant vectors on both sides"),
                Map.entry("a + bool b", "bool modifier"),
                Map.entry("(x)[5m]", "plain vector selector"),
                Map.entry("x{a=~\"(\"}", "invalid regular expression"),
                Map.entry("{}", "needs a metric name"),
                Map.entry("x #", "unexpected character"),
                Map.entry("topk(x)", "needs a SCALAR parameter"),
                Map.entry("histogram_quantile(x, y)", "takes a scalar and an instant vector"));
        bad.forEach((expr, message) -> {
            try {
                PromQl.parse(expr);
                throw new AssertionError("accepted: " + expr);
            } catch (PromQlException e) {
                assertThat(e.getMessage()).as(expr).contains(message);
            }
        });
    }

    private static Map<String, Object> find(String kind, String name) {
        return rendered.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private static String name(Map<String, Object> o) {
        return String.valueOf(((Map<?, ?>) o.get("metadata")).get("name"));
    }

    private static Object at(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            node = ((Map<?, ?>) node).get(part);
        }
        return node;
    }
}
