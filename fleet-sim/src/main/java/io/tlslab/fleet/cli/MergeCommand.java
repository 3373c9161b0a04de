package io.tlslab.fleet.cli;

import io.tlslab.cli.UsageException;
import io.tlslab.fleet.docker.ReportMerger;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.swarm.ReportLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tlslab-fleet merge}: one fleet report from the reports of loads that ran at the same time. */
@Command(
        name = "merge",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Merges the JSON reports of load runs that ran at the same time (the pods of a Kubernetes Indexed Job,",
            "replicas, containers, hosts) into one report: counts and rates summed, latency percentiles exact from the",
            "summed histograms, time series aligned by wall clock. A file may also be a log whose report is its last",
            "TLSLAB-FLEET-REPORT line (load --report-line). A directory stands for the *.json files in it.",
            "",
            "Examples:",
            "  tlslab-fleet merge --out merged --name fleet reports/pod-0.json reports/pod-1.json",
            "  tlslab-fleet merge --out /reports/merged /reports/parts      # every *.json in the directory",
            ""
        })
public final class MergeCommand implements Callable<Integer> {

    /** A report is at most a few hundred KiB; anything far larger is not one. */
    static final long MAX_REPORT_BYTES = 64L << 20;

    static final int MAX_REPORTS = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "REPORT",
            description = "JSON reports, logs ending in a report line, or directories of *.json")
    List<Path> inputs;

    @Option(
            names = "--out",
            defaultValue = "fleet-reports",
            description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", defaultValue = "merged", description = "report file base name (default ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> in = Files.list(p)) {
                    in.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UsageException("no such report: " + p);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no *.json report in " + inputs);
        }
        if (files.size() > MAX_REPORTS) {
            throw new UsageException(files.size() + " reports: at most " + MAX_REPORTS + " can be merged at once");
        }
        List<LoadSummary> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(read(f));
        }
        Map<String, String> setup = new LinkedHashMap<>(parts.get(0).setup());
        setup.put("merged", parts.size() + " reports");
        List<String> notes = new ArrayList<>(List.of(
                "Merged by tlslab-fleet merge from " + parts.size() + " reports; latency "
                        + "percentiles come from the summed histograms.",
                ReportMerger.clockNote(parts)));
        LoadSummary merged = LoadCommand.parse(
                () -> ReportMerger.merge(parts.get(0).title() + " (" + parts.size() + " merged)", setup, notes, parts));
        LoadReportWriter.Files3 written = LoadReportWriter.write(merged, out, name);
        stdout.println(LoadSummaryText.render(merged));
        stdout.println("Reports: " + written.html() + ", " + written.json() + ", " + written.csv());
        return 0;
    }

    private static LoadSummary read(Path f) throws IOException {
        if (Files.size(f) > MAX_REPORT_BYTES) {
            throw new UsageException(f + " is over " + (MAX_REPORT_BYTES >> 20) + " MiB: not a load report");
        }
        String text = Files.readString(f);
        if (!text.stripLeading().startsWith("{")) {
            return ReportLine.find(text)
                    .orElseThrow(() -> new UsageException(
                            f + " is neither a JSON load report nor a log with a TLSLAB-FLEET-REPORT line"));
        }
        try {
            return LoadReportWriter.fromJson(text);
        } catch (RuntimeException e) {
            throw new UsageException(f + " is not a load report: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
