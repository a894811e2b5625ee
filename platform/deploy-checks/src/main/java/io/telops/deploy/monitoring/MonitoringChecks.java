package io.telops.deploy.monitoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Checks the rendered monitoring objects: every PrometheusRule expression and every query of a Grafana dashboard
 * ConfigMap (labelled {@code grafana_dashboard: "1"}) parses as PromQL and reads only series the services export.
 * Returns problems as sentences naming the object, the alert or panel and the fault; none means all is well.
 */
public final class MonitoringChecks {
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w|y))+");
    /** Grafana's interval variables stand for a duration; any other $variable may only appear in a label value. */
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile("\\$(?:__rate_interval|__interval|__range)\\b|\\$\\{(?:__rate_interval|__interval|__range)}");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(.*?)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Set<String> SEVERITIES = Set.of("warning", "critical");

    private final ExportedMetrics exported;

    public MonitoringChecks(ExportedMetrics exported) {
        this.exported = exported;
    }

    /** One query found in a monitoring object: where it is, and its text. */
    public record Found(String where, String expression) {
    }

    public List<String> problems(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            String kind = String.valueOf(o.get("kind"));
            if (kind.equals("PrometheusRule")) {
                problems.addAll(ruleProblems(o));
            } else if (kind.equals("ConfigMap") && "1".equals(labels(o).get("grafana_dashboard"))) {
                problems.addAll(dashboardProblems(o));
            }
        }
        return problems;
    }

    /** Every alert or recording rule expression of the PrometheusRules among objects. */
    public static List<Found> ruleExpressions(List<Map<String, Object>> objects) {
        List<Found> found = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if ("PrometheusRule".equals(o.get("kind"))) {
                for (Map<String, Object> group : maps(map(o.get("spec")).get("groups"))) {
                    for (Map<String, Object> rule : maps(group.get("rules"))) {
                        found.add(new Found(describe(o) + " " + ruleName(group, rule), String.valueOf(rule.get("expr"))));
                    }
                }
            }
        }
        return found;
    }

    /** Every query of the Grafana dashboards among objects: panel targets and templating queries. */
    public static List<Found> dashboardQueries(List<Map<String, Object>> objects) {
        List<Found> found = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if ("ConfigMap".equals(o.get("kind")) && "1".equals(labels(o).get("grafana_dashboard"))) {
                map(o.get("data")).forEach((file, json) -> {
                    JsonNode dashboard = readJson(String.valueOf(json));
                    if (dashboard != null) {
                        collectQueries(dashboard, describe(o) + " " + file, found);
                    }
                });
            }
        }
        return found;
    }

    private List<String> ruleProblems(Map<String, Object> rule) {
        List<String> problems = new ArrayList<>();
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : maps(map(rule.get("spec")).get("groups"))) {
            for (Map<String, Object> r : maps(group.get("rules"))) {
                String where = describe(rule) + " " + ruleName(group, r);
                if (r.get("alert") != null && !alerts.add(String.valueOf(r.get("alert")))) {
                    problems.add(where + ": the alert name is used twice");
                }
                if (r.get("for") != null && !DURATION.matcher(String.valueOf(r.get("for"))).matches()) {
                    problems.add(where + ": for '" + r.get("for") + "' is not a duration");
                }
                if (r.get("alert") != null) {
                    Object severity = map(r.get("labels")).get("severity");
                    if (!SEVERITIES.contains(String.valueOf(severity))) {
                        problems.add(where + ": severity must be one of " + SEVERITIES + ", not " + severity);
                    }
                    if (map(r.get("annotations")).get("summary") == null) {
                        problems.add(where + ": no summary annotation");
                    }
                }
                problems.addAll(expressionProblems(where, String.valueOf(r.get("expr")), true));
            }
        }
        return problems;
    }

    private List<String> dashboardProblems(Map<String, Object> configMap) {
        List<String> problems = new ArrayList<>();
        map(configMap.get("data")).forEach((file, json) -> {
            String where = describe(configMap) + " " + file;
            JsonNode dashboard = readJson(String.valueOf(json));
            if (dashboard == null) {
                problems.add(where + ": not JSON");
                return;
            }
            if (!dashboard.path("uid").isTextual() || !dashboard.path("title").isTextual()) {
                problems.add(where + ": a dashboard needs a uid and a title");
            }
            Set<Integer> ids = new HashSet<>();
            List<Found> queries = new ArrayList<>();
            collectQueries(dashboard, where, queries);
            for (JsonNode panel : panels(dashboard)) {
                if (!ids.add(panel.path("id").asInt(-1))) {
                    problems.add(where + " panel '" + panel.path("title").asText() + "': panel id " + panel.path("id") + " is used twice");
                }
            }
            if (queries.isEmpty()) {
                problems.add(where + ": no query");
            }
            for (Found q : queries) {
                Matcher labelValues = LABEL_VALUES.matcher(q.expression());
                String expression = labelValues.matches() ? labelValues.group(1) : q.expression();
                problems.addAll(expressionProblems(q.where(), expression, false));
            }
        });
        return problems;
    }

    private List<String> expressionProblems(String where, String expression, boolean alert) {
        PromQl.Query query;
        try {
            query = PromQl.parse(GRAFANA_INTERVAL.matcher(expression).replaceAll("5m"));
        } catch (PromQlException e) {
            return List.of(where + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (alert && query.type() != PromQl.ValueType.VECTOR) {
            problems.add(where + ": an alert expression must be an instant vector, not a " + query.type());
        }
        for (PromQl.Selector s : query.selectors()) {
            if (s.metric().isEmpty()) {
                problems.add(where + ": a selector without a metric name cannot be checked against the code");
            } else if (!exported.exports(s.metric())) {
                problems.add(where + ": metric " + s.metric() + " is not exported by any service" + nearest(s.metric()));
            }
        }
        return problems;
    }

    /** A hint for a misspelling: exported series sharing the longest prefix. */
    private String nearest(String metric) {
        String best = null;
        int bestLength = 0;
        for (String candidate : exported.seriesNames()) {
            int common = 0;
            while (common < Math.min(candidate.length(), metric.length()) && candidate.charAt(common) == metric.charAt(common)) {
                common++;
            }
            if (common > bestLength) {
                best = candidate;
                bestLength = common;
            }
        }
        return best == null || bestLength < 6 ? "" : " (closest: " + best + ")";
    }

    private static void collectQueries(JsonNode dashboard, String where, List<Found> found) {
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").isTextual()) {
                    found.add(new Found(where + " panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isTextual() ? query.asText() : query.path("query").asText("");
            if (variable.path("type").asText().equals("query") && !text.isEmpty()) {
                found.add(new Found(where + " variable " + variable.path("name").asText(), text));
            }
        }
    }

    /** Every panel, including those nested in collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add);
        }
        return out;
    }

    private static JsonNode readJson(String json) {
        try {
            return JsonMapper.builder().build().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String ruleName(Map<String, Object> group, Map<String, Object> rule) {
        Object name = rule.get("alert") != null ? rule.get("alert") : rule.get("record");
        return "group " + group.get("name") + " rule " + name;
    }

    private static String describe(Map<String, Object> o) {
        return o.get("kind") + " " + map(o.get("metadata")).get("name");
    }

    private static Map<String, String> labels(Map<String, Object> o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(map(o.get("metadata")).get("labels")).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(map(item)));
        }
        return out;
    }
}
