package io.telops.deploy.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser for the PromQL of alert rules and dashboard queries, enough to prove an expression well-formed and to
 * list the metrics it reads. No maintained PromQL parser for the JVM is published on Maven Central (one single
 * 2026 release of a port exists, with no history), so this follows the grammar of Prometheus' own parser
 * (promql/parser, generated_parser.y): operator precedence ({@code ^} right-associative, then {@code * / % atan2},
 * {@code + -}, comparisons with {@code bool}, {@code and unless}, {@code or}), vector matching ({@code on/ignoring},
 * {@code group_left/group_right}), aggregations with {@code by/without} before or after, functions, selectors with
 * label matchers, range vectors, subqueries, {@code offset} and {@code @}. It also checks the value types Prometheus
 * checks: a range vector where a function wants one ({@code rate(x)} without a range is an error) and nowhere else.
 */
public final class PromQl {
    /** What an expression evaluates to. */
    public enum ValueType { SCALAR, VECTOR, MATRIX, STRING }

    /** One vector selector: its metric name (empty when only label matchers name it) and its matchers. */
    public record Selector(String metric, Map<String, String> matchers) {
    }

    /** A parsed expression: its type and every selector in it, in order. */
    public record Query(String text, ValueType type, List<Selector> selectors) {
        public List<String> metrics() {
            return selectors.stream().map(Selector::metric).filter(m -> !m.isEmpty()).distinct().toList();
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> PARAMETRISED_AGGREGATIONS = Set.of("count_values", "bottomk", "topk", "quantile",
            "limitk", "limit_ratio");
    /** Functions whose argument at the given index is a range vector; every other argument is not. */
    private static final Map<String, Integer> RANGE_ARGUMENT = Map.ofEntries(
            Map.entry("rate", 0), Map.entry("irate", 0), Map.entry("increase", 0), Map.entry("delta", 0),
            Map.entry("idelta", 0), Map.entry("deriv", 0), Map.entry("changes", 0), Map.entry("resets", 0),
            Map.entry("predict_linear", 0), Map.entry("holt_winters", 0), Map.entry("double_exponential_smoothing", 0),
            Map.entry("avg_over_time", 0), Map.entry("min_over_time", 0), Map.entry("max_over_time", 0),
            Map.entry("sum_over_time", 0), Map.entry("count_over_time", 0), Map.entry("stddev_over_time", 0),
            Map.entry("stdvar_over_time", 0), Map.entry("last_over_time", 0), Map.entry("present_over_time", 0),
            Map.entry("absent_over_time", 0), Map.entry("mad_over_time", 0), Map.entry("quantile_over_time", 1));
    /** Functions returning a scalar; the rest return an instant vector. */
    private static final Set<String> SCALAR_FUNCTIONS = Set.of("scalar", "time", "pi");
    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan",
            "atanh", "ceil", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "day_of_month", "day_of_week",
            "day_of_year", "days_in_month", "deg", "exp", "floor", "histogram_avg", "histogram_count",
            "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "hour",
            "label_join", "label_replace", "ln", "log10", "log2", "minute", "month", "pi", "rad", "round", "scalar",
            "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt", "tan", "tanh",
            "time", "timestamp", "vector", "year");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "atan2");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<duration>(?:\\d+(?:ms|s|m|h|d|w|y))+)"
                    + "|(?<number>0x[0-9a-fA-F]+|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)"
                    + "|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)"
                    + "|(?<ident>[a-zA-Z_][a-zA-Z0-9_:]*)"
                    + "|(?<op>==|!=|=~|!~|<=|>=|[-+*/%^<>=(){}\\[\\],:@]))");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private record Token(String kind, String text, int position) {
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    private int next;

    private PromQl(String text) {
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw new PromQlException(text, at, "unexpected character '" + text.charAt(skipBlank(text, at)) + "'");
            }
            for (String kind : List.of("duration", "number", "string", "ident", "op")) {
                if (m.group(kind) != null) {
                    tokens.add(new Token(kind, m.group(kind), m.start(kind)));
                }
            }
            at = m.end();
        }
        tokens.add(new Token("end", "", text.length()));
    }

    private static int skipBlank(String text, int at) {
        while (at < text.length() - 1 && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Parses an expression, or throws {@link PromQlException} naming the position of the first error. */
    public static Query parse(String expression) {
        PromQl p = new PromQl(expression);
        ValueType type = p.expression(0);
        p.expect("end", null, "end of expression");
        return new Query(expression, type, List.copyOf(p.selectors));
    }

    // binary operators by precedence, lowest first

    private static int precedence(Token t) {
        if (t.kind.equals("ident")) {
            return switch (t.text) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> 0;
            };
        }
        if (!t.kind.equals("op")) {
            return 0;
        }
        return switch (t.text) {
            case "==", "!=", "<", "<=", ">", ">=" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> 0;
        };
    }

    private ValueType expression(int minimum) {
        ValueType left = unary();
        while (true) {
            Token op = peek();
            int precedence = precedence(op);
            if (precedence == 0 || precedence < minimum) {
                return left;
            }
            next++;
            boolean comparison = precedence == 3;
            boolean set = precedence == 1 || precedence == 2;
            boolean bool = false;
            if (isIdent("bool")) {
                if (!comparison) {
                    throw error(peek(), "bool modifier on a non-comparison operator " + op.text);
                }
                next++;
                bool = true;
            }
            if (isIdent("on") || isIdent("ignoring")) {
                next++;
                labelList();
                if (isIdent("group_left") || isIdent("group_right")) {
                    if (set) {
                        throw error(peek(), "no grouping modifier with the set operator " + op.text);
                    }
                    next++;
                    if (isOp("(")) {
                        labelList();
                    }
                }
            }
            // ^ binds to the right, the others to the left
            ValueType right = expression(op.text.equals("^") ? precedence : precedence + 1);
            for (ValueType operand : List.of(left, right)) {
                if (operand == ValueType.MATRIX || operand == ValueType.STRING) {
                    throw error(op, "operator " + op.text + " needs scalars or instant vectors, not a " + operand);
                }
            }
            if (set && (left != ValueType.VECTOR || right != ValueType.VECTOR)) {
                throw error(op, "set operator " + op.text + " needs instant vectors on both sides");
            }
            if (comparison && left == ValueType.SCALAR && right == ValueType.SCALAR && !bool) {
                throw error(op, "comparisons between scalars must use bool");
            }
            left = left == ValueType.SCALAR && right == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    private ValueType unary() {
        if (isOp("-") || isOp("+")) {
            Token sign = tokens.get(next++);
            // binds tighter than * and looser than ^: -a^b is -(a^b)
            ValueType operand = expression(6);
            if (operand != ValueType.SCALAR && operand != ValueType.VECTOR) {
                throw error(sign, "unary " + sign.text + " needs a scalar or an instant vector");
            }
            return operand;
        }
        return postfix(primary());
    }

    private ValueType postfix(ValueType type) {
        if (isOp("[")) {
            Token open = tokens.get(next++);
            if (type != ValueType.VECTOR) {
                throw error(open, "a range or subquery needs an instant vector");
            }
            expect("duration", null, "a duration");
            if (isOp(":")) {
                next++;
                if (peek().kind.equals("duration")) {
                    next++;
                }
            } else if (!lastSelectorWasPlain()) {
                throw error(open, "a range applies to a plain vector selector; use a subquery [range:step] otherwise");
            }
            expect("op", "]", "]");
            type = ValueType.MATRIX;
        }
        if (isIdent("offset")) {
            next++;
            if (isOp("-")) {
                next++;
            }
            expect("duration", null, "a duration after offset");
        }
        if (isOp("@")) {
            next++;
            if (peek().kind.equals("number")) {
                next++;
            } else if (isIdent("start") || isIdent("end")) {
                next++;
                expect("op", "(", "(");
                expect("op", ")", ")");
            } else {
                throw error(peek(), "@ needs a timestamp, start() or end()");
            }
        }
        return type;
    }

    private boolean plainSelectorJustParsed;

    private boolean lastSelectorWasPlain() {
        return plainSelectorJustParsed;
    }

    private ValueType primary() {
        plainSelectorJustParsed = false;
        Token t = peek();
        switch (t.kind) {
            case "number" -> {
                next++;
                return ValueType.SCALAR;
            }
            case "string" -> {
                next++;
                return ValueType.STRING;
            }
            case "op" -> {
                if (t.text.equals("(")) {
                    next++;
                    ValueType inner = expression(1);
                    expect("op", ")", ")");
                    plainSelectorJustParsed = false;
                    return inner;
                }
                if (t.text.equals("{")) {
                    vectorSelector("");
                    return ValueType.VECTOR;
                }
                throw error(t, "unexpected '" + t.text + "'");
            }
            case "ident" -> {
                if (t.text.equalsIgnoreCase("inf") || t.text.equalsIgnoreCase("nan")) {
                    next++;
                    return ValueType.SCALAR;
                }
                if (AGGREGATIONS.contains(t.text) && (tokens.get(next + 1).text.equals("(")
                        || Set.of("by", "without").contains(tokens.get(next + 1).text))) {
                    ValueType aggregated = aggregation();
                    plainSelectorJustParsed = false;
                    return aggregated;
                }
                if (tokens.get(next + 1).text.equals("(") && tokens.get(next + 1).kind.equals("op")) {
                    ValueType result = function();
                    plainSelectorJustParsed = false;
                    return result;
                }
                if (KEYWORDS.contains(t.text)) {
                    throw error(t, "unexpected keyword " + t.text);
                }
                next++;
                vectorSelector(t.text);
                return ValueType.VECTOR;
            }
            default -> throw error(t, "unexpected " + (t.kind.equals("end") ? "end of expression" : t.text));
        }
    }

    private void vectorSelector(String metric) {
        Map<String, String> matchers = new java.util.LinkedHashMap<>();
        if (isOp("{")) {
            Token open = tokens.get(next++);
            while (!isOp("}")) {
                Token label = tokens.get(next);
                if (!label.kind.equals("ident") || !LABEL_NAME.matcher(label.text).matches()) {
                    throw error(label, "a label name, not '" + label.text + "'");
                }
                next++;
                Token op = peek();
                if (!Set.of("=", "!=", "=~", "!~").contains(op.text) || !op.kind.equals("op")) {
                    throw error(op, "a label matcher operator (= != =~ !~)");
                }
                next++;
                Token value = expect("string", null, "a quoted label value");
                if (op.text.endsWith("~")) {
                    checkRegex(value);
                }
                matchers.put(label.text + " " + op.text, unquote(value.text));
                if (isOp(",")) {
                    next++;
                } else if (!isOp("}")) {
                    throw error(peek(), "',' or '}' in the label matchers");
                }
            }
            next++;
            if (metric.isEmpty() && matchers.keySet().stream().noneMatch(k -> k.startsWith("__name__ "))) {
                throw error(open, "a selector needs a metric name or a __name__ matcher");
            }
        }
        selectors.add(new Selector(metric, matchers));
        plainSelectorJustParsed = true;
    }

    private void checkRegex(Token value) {
        try {
            Pattern.compile(unquote(value.text));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw error(value, "invalid regular expression: " + e.getDescription());
        }
    }

    private ValueType aggregation() {
        Token op = tokens.get(next++);
        boolean grouped = false;
        if (isIdent("by") || isIdent("without")) {
            next++;
            labelList();
            grouped = true;
        }
        expect("op", "(", "( after " + op.text);
        if (PARAMETRISED_AGGREGATIONS.contains(op.text)) {
            ValueType parameter = expression(1);
            ValueType wanted = op.text.equals("count_values") ? ValueType.STRING : ValueType.SCALAR;
            if (parameter != wanted) {
                throw error(op, op.text + " needs a " + wanted + " parameter first");
            }
            expect("op", ",", ", after the parameter of " + op.text);
        }
        ValueType operand = expression(1);
        if (operand != ValueType.VECTOR) {
            throw error(op, op.text + " aggregates an instant vector, not a " + operand);
        }
        expect("op", ")", ")");
        if (isIdent("by") || isIdent("without")) {
            if (grouped) {
                throw error(peek(), "by/without given twice");
            }
            next++;
            labelList();
        }
        return ValueType.VECTOR;
    }

    private ValueType function() {
        Token name = tokens.get(next++);
        boolean rangeFunction = RANGE_ARGUMENT.containsKey(name.text);
        if (!rangeFunction && !FUNCTIONS.contains(name.text)) {
            throw error(name, "unknown function " + name.text);
        }
        expect("op", "(", "(");
        List<ValueType> arguments = new ArrayList<>();
        while (!isOp(")")) {
            Token at = peek();
            ValueType argument = expression(1);
            int index = arguments.size();
            boolean wantsRange = rangeFunction && RANGE_ARGUMENT.get(name.text) == index;
            if (wantsRange && argument != ValueType.MATRIX) {
                throw error(at, name.text + " needs a range vector here (a selector with [range]), not a " + argument);
            }
            if (!wantsRange && argument == ValueType.MATRIX) {
                throw error(at, name.text + " takes no range vector here");
            }
            arguments.add(argument);
            if (isOp(",")) {
                next++;
            } else if (!isOp(")")) {
                throw error(peek(), "',' or ')' in the arguments of " + name.text);
            }
        }
        next++;
        if (rangeFunction && arguments.size() <= RANGE_ARGUMENT.get(name.text)) {
            throw error(name, name.text + " is missing its range vector argument");
        }
        if (name.text.equals("histogram_quantile") && (arguments.size() != 2 || arguments.get(0) != ValueType.SCALAR
                || arguments.get(1) != ValueType.VECTOR)) {
            throw error(name, "histogram_quantile takes a scalar and an instant vector");
        }
        return SCALAR_FUNCTIONS.contains(name.text) ? ValueType.SCALAR : ValueType.VECTOR;
    }

    private void labelList() {
        expect("op", "(", "( before the label list");
        while (!isOp(")")) {
            Token label = tokens.get(next);
            if (!label.kind.equals("ident") || !LABEL_NAME.matcher(label.text).matches()) {
                throw error(label, "a label name, not '" + label.text + "'");
            }
            next++;
            if (isOp(",")) {
                next++;
            } else if (!isOp(")")) {
                throw error(peek(), "',' or ')' in the label list");
            }
        }
        next++;
    }

    // tokens

    private Token peek() {
        return tokens.get(next);
    }

    private boolean isOp(String op) {
        return peek().kind.equals("op") && peek().text.equals(op);
    }

    private boolean isIdent(String word) {
        return peek().kind.equals("ident") && peek().text.equals(word);
    }

    private Token expect(String kind, String textOrNull, String what) {
        Token t = peek();
        if (!t.kind.equals(kind) || textOrNull != null && !t.text.equals(textOrNull)) {
            throw error(t, "expected " + what + ", found " + (t.kind.equals("end") ? "the end" : "'" + t.text + "'"));
        }
        next++;
        return t;
    }

    private PromQlException error(Token at, String message) {
        return new PromQlException(text, at.position, message);
    }

    private static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        return quoted.startsWith("`") ? body : body.replaceAll("\\\\(.)", "$1");
    }
}
