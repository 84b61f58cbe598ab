using Microsoft.Extensions.Options;

namespace Strata.Web.Tests.Hosting;

/// <summary>A bad setting stops the real host at start with a message naming its key; good ones start it.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Strata:Trash:Retention", "00:00:00", "Strata:Trash:Retention must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Trash:Retention", "-1.00:00:00", "Strata:Trash:Retention must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Blobs:GracePeriod", "00:00:00", "Strata:Blobs:GracePeriod must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Uploads:CheckpointBytes", "0", "Strata:Uploads:CheckpointBytes must be at least 1 byte." },
        { "Strata:Dav:MaxLocksPerUser", "0", "Strata:Dav:MaxLocksPerUser must be at least 1." },
        { "Strata:Dav:InlineChecksumMaxBytes", "-1", "Strata:Dav:InlineChecksumMaxBytes must be at least 0." },
        { "Strata:Database:Provider", "Oracle", "'Oracle' at 'Strata:Database:Provider'" },
        { "Strata:Database:Provider", "7", "Strata:Database:Provider must be Sqlite, SqlServer or PostgreSql." },
        { "Strata:Database:Provider", "SqlServer", "Strata:Database:ConnectionString is required for SqlServer." },
        { "Strata:Admin:Email", "root@corp.test", "Strata:Admin:Email and Strata:Admin:Password are set together or not at all." },
        { "Strata:TrustedProxies:0", "10.0.0.300", "Strata:TrustedProxies:0 ('10.0.0.300') is neither an address nor a network such as 10.0.0.0/8." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_host_naming_its_key(string key, string value, string message)
    {
        await using var app = new StrataAppFactory();
        app.Settings[key] = value;

        var failure = Should.Throw<OptionsValidationException>(() => app.Services);

        failure.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Good_settings_at_their_limits_start_the_host()
    {
        await using var app = new StrataAppFactory();
        app.Settings["Strata:Trash:Retention"] = "00:00:01";
        app.Settings["Strata:Blobs:GracePeriod"] = "36500.00:00:00";
        app.Settings["Strata:Uploads:CheckpointBytes"] = "1";
        app.Settings["Strata:Uploads:MaxSize"] = "1";
        app.Settings["Strata:Dav:MaxLocksPerUser"] = "1";
        app.Settings["Strata:Database:Provider"] = "Sqlite";
        app.Settings["Strata:Admin:Email"] = StrataAppFactory.AdminEmail;
        app.Settings["Strata:Admin:Password"] = StrataAppFactory.Password;
        app.Settings["Strata:TrustedProxies:0"] = "10.0.0.5";
        app.Settings["Strata:TrustedProxies:1"] = "fd00::/8";
        using var client = app.CreateAnonymousClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        live.IsSuccessStatusCode.ShouldBeTrue();
    }
}
