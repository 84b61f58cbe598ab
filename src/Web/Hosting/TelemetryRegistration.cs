using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Telemetry;

namespace Strata.Web.Hosting;

public static class TelemetryRegistration
{
    /// <summary>
    /// With <c>Strata:Telemetry:OtlpEndpoint</c> set, traces (requests, outgoing HTTP) and metrics (requests, runtime,
    /// and Strata's own: job queues, blob store latency, search index lag) are exported over OTLP/HTTP.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<TelemetryOptions>(TelemetryOptions.Section);
        var settings = builder.GetSettings<TelemetryOptions>(TelemetryOptions.Section);
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("strata", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Export(o, endpoint, "v1/traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(StrataMetrics.MeterName)
                .AddOtlpExporter((o, reader) =>
                {
                    Export(o, endpoint, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricsInterval.TotalMilliseconds;
                }));
        return builder;
    }

    private static void Export(OtlpExporterOptions options, Uri endpoint, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(endpoint, signal);
    }
}
