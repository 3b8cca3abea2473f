package io.github.zendeskprovisioning.wiring;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of CONTRACT.md, read once from one set of names (app settings, local.settings.json, the
 * environment). Secrets are kept but never shown: {@link #toString()} and {@link #describe()} mask them.
 */
public record Settings(Map<String, String> values) {
    public static final String STORAGE = "AzureWebJobsStorage";
    public static final String STORAGE_ACCOUNT = "AzureWebJobsStorage__accountName";
    public static final String STORAGE_TABLE_URI = "AzureWebJobsStorage__tableServiceUri";
    public static final String STORAGE_QUEUE_URI = "AzureWebJobsStorage__queueServiceUri";
    public static final String ZENDESK_SUBDOMAIN = "ZENDESK_SUBDOMAIN";
    public static final String ZENDESK_BASE_URL = "ZENDESK_BASE_URL";
    public static final String ZENDESK_EMAIL = "ZENDESK_EMAIL";
    public static final String ZENDESK_API_TOKEN = "ZENDESK_API_TOKEN";
    public static final String ZENDESK_OAUTH_CLIENT_ID = "ZENDESK_OAUTH_CLIENT_ID";
    public static final String ZENDESK_OAUTH_CLIENT_SECRET = "ZENDESK_OAUTH_CLIENT_SECRET";
    public static final String ZENDESK_OAUTH_ACCESS_TOKEN = "ZENDESK_OAUTH_ACCESS_TOKEN";
    public static final String ZENDESK_REQUESTS_PER_MINUTE = "ZENDESK_REQUESTS_PER_MINUTE";
    /** The most instances of the app at once (the Bicep's maximumInstanceCount); each gets this share of the budget. */
    public static final String MAX_INSTANCES = "PROVISIONING_MAX_INSTANCES";
    public static final String GRAPH_BASE_URL = "GRAPH_BASE_URL";
    public static final String GRAPH_ACCESS_TOKEN = "GRAPH_ACCESS_TOKEN";
    public static final String SERVICE_PRINCIPAL_ID = "PROVISIONING_SERVICE_PRINCIPAL_ID";
    public static final String SCOPE = "PROVISIONING_SCOPE";
    public static final String MAPPINGS = "PROVISIONING_MAPPINGS";
    public static final String SCHEDULE = "SYNC_SCHEDULE";
    public static final String DELETE_THRESHOLD = "PROVISIONING_DELETE_THRESHOLD";
    public static final String DRY_RUN = "PROVISIONING_DRY_RUN";
    public static final String NOTIFICATION_EMAIL = "NOTIFICATION_EMAIL";
    public static final String LOG_RETENTION_DAYS = "PROVISIONING_LOG_RETENTION_DAYS";
    public static final String SERVE_KEY = "PROVISIONING_SERVE_KEY";

    /** Every name the product reads (the infra test checks the Bicep sets each one). */
    public static final List<String> NAMES = List.of(STORAGE, ZENDESK_SUBDOMAIN, ZENDESK_BASE_URL, ZENDESK_EMAIL,
            ZENDESK_API_TOKEN, ZENDESK_OAUTH_CLIENT_ID, ZENDESK_OAUTH_CLIENT_SECRET, ZENDESK_OAUTH_ACCESS_TOKEN,
            GRAPH_BASE_URL, GRAPH_ACCESS_TOKEN, SERVICE_PRINCIPAL_ID, SCOPE, MAPPINGS, SCHEDULE, DELETE_THRESHOLD,
            DRY_RUN, NOTIFICATION_EMAIL, ZENDESK_REQUESTS_PER_MINUTE, MAX_INSTANCES, LOG_RETENTION_DAYS, SERVE_KEY);
    public static final List<String> SECRETS = List.of(ZENDESK_API_TOKEN, ZENDESK_OAUTH_CLIENT_SECRET,
            ZENDESK_OAUTH_ACCESS_TOKEN, GRAPH_ACCESS_TOKEN, STORAGE, SERVE_KEY);

    public static final String DEFAULT_SCHEDULE = "0 */40 * * * *";
    private static final Pattern SUBDOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final int MAX_QUOTED = 100;
    /** user:password@ in a URL: never quoted back. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#@]*@");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public Settings {
        Map<String, String> clean = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) clean.put(k, v.trim());
        });
        values = Map.copyOf(clean);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String schedule() {
        return values.getOrDefault(SCHEDULE, DEFAULT_SCHEDULE);
    }

    public int deleteThreshold() {
        String v = values.get(DELETE_THRESHOLD);
        if (v == null) return 500;
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(DELETE_THRESHOLD + " must be a whole number of 0 or more, not '" + v + "'");
        }
    }

    public boolean dryRun() {
        String v = values.get(DRY_RUN);
        if (v == null) return false;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new SettingsException(DRY_RUN + " must be true or false, not '" + v + "'");
        };
    }

    public int requestsPerMinute() {
        String v = values.get(ZENDESK_REQUESTS_PER_MINUTE);
        if (v == null) return 700;
        try {
            int n = Integer.parseInt(v);
            if (n < 10) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(ZENDESK_REQUESTS_PER_MINUTE + " must be a whole number of 10 or more (your plan: 200, 400, 700 or 2500), not '" + v + "'");
        }
    }

    /** Days provisioning log entries and cycle bookkeeping are kept (default 30). */
    public int logRetentionDays() {
        String v = values.get(LOG_RETENTION_DAYS);
        if (v == null) return 30;
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 3650) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(LOG_RETENTION_DAYS + " must be a whole number of days from 1 to 3650, not '"
                    + (v.length() > 60 ? v.substring(0, 60) + "…" : v) + "'");
        }
    }

    /** How many instances share {@link #requestsPerMinute()}: 1 unless the app runs scaled out (set by the Bicep). */
    public int maxInstances() {
        String v = values.get(MAX_INSTANCES);
        if (v == null) return 1;
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 1000) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(MAX_INSTANCES + " must be a whole number from 1 to 1000 (the app's most instances), not '" + v + "'");
        }
    }

    /** Everything wrong with the Zendesk and Graph settings, each naming the setting; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String subdomain = values.get(ZENDESK_SUBDOMAIN);
        if (!has(ZENDESK_BASE_URL)) {
            if (subdomain == null) problems.add(ZENDESK_SUBDOMAIN + " is not set (e.g. my-tenant for https://my-tenant.zendesk.com)");
            else if (!SUBDOMAIN.matcher(subdomain).matches()) {
                problems.add(ZENDESK_SUBDOMAIN + " must be letters, digits and hyphens only (e.g. my-tenant), not '" + subdomain + "'");
            }
        }
        if (has(ZENDESK_BASE_URL)) zendeskBaseUrlProblem(values.get(ZENDESK_BASE_URL)).ifPresent(problems::add);
        boolean token = has(ZENDESK_EMAIL) && has(ZENDESK_API_TOKEN);
        boolean oauth = has(ZENDESK_OAUTH_CLIENT_ID) && has(ZENDESK_OAUTH_CLIENT_SECRET);
        boolean bearer = has(ZENDESK_OAUTH_ACCESS_TOKEN);
        if (!token && !oauth && !bearer) {
            problems.add("no Zendesk credentials: set " + ZENDESK_OAUTH_CLIENT_ID + " and " + ZENDESK_OAUTH_CLIENT_SECRET
                    + " (OAuth client credentials), or " + ZENDESK_OAUTH_ACCESS_TOKEN + ", or " + ZENDESK_EMAIL + " and "
                    + ZENDESK_API_TOKEN + " (API tokens stop working on 2027-04-30)");
        }
        if (has(ZENDESK_API_TOKEN) && !has(ZENDESK_EMAIL)) problems.add(ZENDESK_API_TOKEN + " needs " + ZENDESK_EMAIL + " (the admin's e-mail)");
        if (has(ZENDESK_OAUTH_CLIENT_ID) != has(ZENDESK_OAUTH_CLIENT_SECRET)) {
            problems.add(ZENDESK_OAUTH_CLIENT_ID + " and " + ZENDESK_OAUTH_CLIENT_SECRET + " go together");
        }
        String scope = values.getOrDefault(SCOPE, "AssignedOnly");
        if (!scope.equalsIgnoreCase("AssignedOnly") && !scope.equalsIgnoreCase("AllUsersAndGroups")) {
            problems.add(SCOPE + " must be AssignedOnly or AllUsersAndGroups, not '" + scope + "'");
        }
        String sp = values.get(SERVICE_PRINCIPAL_ID);
        if (scope.equalsIgnoreCase("AssignedOnly") && sp == null) {
            problems.add(SERVICE_PRINCIPAL_ID + " is not set: with AssignedOnly it names the Zendesk enterprise application's service principal");
        } else if (sp != null && !GUID.matcher(sp).matches()) {
            problems.add(SERVICE_PRINCIPAL_ID + " must be an object id (a GUID), not '" + sp + "'");
        }
        try {
            deleteThreshold();
            dryRun();
            requestsPerMinute();
            logRetentionDays();
            maxInstances();
        } catch (SettingsException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /**
     * Credentials travel with every Zendesk request, so the base URL must be https; plain http is allowed only
     * on the loopback address (the simulators). The host is judged as written, never resolved.
     */
    static Optional<String> zendeskBaseUrlProblem(String value) {
        String problem = ZENDESK_BASE_URL + " must be an https URL such as https://my-tenant.zendesk.com"
                + " (http only on the loopback address: 127.0.0.0/8, ::1, localhost), not '"
                + cut(USER_INFO.matcher(value).replaceFirst("//(credentials hidden)@")) + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) return Optional.of(problem);
        if (scheme.equals("https")) return Optional.empty();
        if (scheme.equals("http") && isLoopback(uri.getHost())) return Optional.empty();
        return Optional.of(problem);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) return true;
        return LOOPBACK_V4.matcher(h).matches();
    }

    /** A value quoted in an error message, cut to a readable length. */
    static String cut(String value) {
        if (value == null) return "";
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED) + "...";
    }

    /** Name = value lines with secrets masked, for `test-connection` and diagnostics. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (String name : NAMES) {
            String v = values.get(name);
            if (v == null) continue;
            lines.add(name + " = " + (SECRETS.contains(name) ? mask(name, v) : v));
        }
        return lines;
    }

    private static String mask(String name, String value) {
        if (name.equals(STORAGE)) return value.equals("UseDevelopmentStorage=true") ? value : "(connection string, hidden)";
        return "(set, hidden)";
    }

    @Override
    public String toString() {
        return "Settings" + describe();
    }
}
