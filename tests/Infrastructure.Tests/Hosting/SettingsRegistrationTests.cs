using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Uploads;

namespace Strata.Infrastructure.Tests.Hosting;

public sealed class SettingsRegistrationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Strata:DataPath", "", "Strata:DataPath must not be empty." },
        { "Strata:TrustedProxies:0", "10.0.0.0/33", "Strata:TrustedProxies:0 ('10.0.0.0/33') is neither an address nor a network" },
        { "Strata:Blobs:Path", " ", "Strata:Blobs:Path must not be empty when set." },
        { "Strata:Blobs:GracePeriod", "-00:00:01", "Strata:Blobs:GracePeriod must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Blobs:GracePeriod", "36501.00:00:00", "Strata:Blobs:GracePeriod must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Blobs:GracePeriod", "soon", "'soon' at 'Strata:Blobs:GracePeriod'" },
        { "Strata:Blobs:PackThreshold", "-1", "Strata:Blobs:PackThreshold must be between 0 and 67108864 bytes." },
        { "Strata:Blobs:PackVolumeSize", "4096", "Strata:Blobs:PackVolumeSize must be at least 65536 bytes." },
        { "Strata:Uploads:Expiration", "00:00:00", "Strata:Uploads:Expiration must be between 00:00:01 and 36500.00:00:00." },
        { "Strata:Uploads:MaxSize", "0", "Strata:Uploads:MaxSize must be at least 1 byte." },
        { "Strata:Uploads:CheckpointBytes", "-1", "Strata:Uploads:CheckpointBytes must be at least 1 byte." },
        { "Strata:Dav:MaxLocksPerUser", "-5", "Strata:Dav:MaxLocksPerUser must be at least 1." },
        { "Strata:Database:Provider", "3", "Strata:Database:Provider must be Sqlite, SqlServer or PostgreSql." },
        { "Strata:Database:ConnectionString", "", "Strata:Database:ConnectionString must not be empty when set." },
        { "Strata:Admin:Email", "root", "Strata:Admin:Email must be an email address." },
        { "Strata:Admin:Password", "secret", "Strata:Admin:Email and Strata:Admin:Password are set together or not at all." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Reading_a_bad_setting_fails_naming_its_key(string key, string value, string message)
    {
        var builder = Builder(key, value);

        var failure = Should.Throw<OptionsValidationException>(() => ReadAll(builder));

        failure.Message.ShouldContain(message);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Declaring_a_bad_setting_fails_at_once_with_the_same_message(string key, string value, string message)
    {
        var builder = Builder(key, value);

        var failure = Should.Throw<OptionsValidationException>(() => AddAll(builder));

        failure.Message.ShouldContain(message);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_setting_gone_bad_after_it_was_declared_stops_the_host_at_start_with_the_same_message(string key, string value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        AddAll(builder);
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        using var host = builder.Build();

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldContain(message);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        Should.NotThrow(() => ReadAll(builder));
    }

    [Fact]
    public void Sql_server_with_a_connection_string_and_an_admin_with_a_password_are_valid()
    {
        var builder = Builder("Strata:Database:Provider", "SqlServer");
        builder.Configuration["Strata:Database:ConnectionString"] = "Server=db;Database=strata";
        builder.Configuration["Strata:Admin:Email"] = "root@corp.test";
        builder.Configuration["Strata:Admin:Password"] = "correct horse battery";

        var database = builder.GetSettings<DatabaseOptions>(DatabaseOptions.Section);

        database.Provider.ShouldBe(DatabaseProvider.SqlServer);
        Should.NotThrow(() => builder.GetSettings<AdminOptions>(AdminOptions.Section));
    }

    [Fact]
    public async Task Declaring_the_same_settings_twice_registers_them_once()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddSettings<DavOptions>(DavOptions.Section);
        builder.AddSettings<DavOptions>(DavOptions.Section);
        builder.Configuration["Strata:Dav:MaxLocksPerUser"] = "0";
        using var host = builder.Build();

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        failure.Failures.Count().ShouldBe(1);
    }

    [Fact]
    public void The_same_settings_under_another_section_are_refused()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddSettings<DavOptions>(DavOptions.Section);

        Should.Throw<InvalidOperationException>(() => builder.AddSettings<DavOptions>("Strata:WebDav"));
    }

    [Fact]
    public void The_container_serves_what_was_bound()
    {
        var builder = Builder("Strata:Uploads:MaxSize", "1000");
        builder.AddSettings<UploadOptions>(UploadOptions.Section);
        using var host = builder.Build();

        var uploads = host.Services.GetRequiredService<IOptions<UploadOptions>>().Value;

        uploads.MaxSize.ShouldBe(1000);
        uploads.Expiration.ShouldBe(TimeSpan.FromHours(24));
    }

    private static HostApplicationBuilder Builder(string key, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        return builder;
    }

    private static void ReadAll(IHostApplicationBuilder builder)
    {
        builder.GetSettings<StrataOptions>(StrataOptions.Section);
        builder.GetSettings<BlobStorageOptions>(BlobStorageOptions.Section);
        builder.GetSettings<UploadOptions>(UploadOptions.Section);
        builder.GetSettings<DavOptions>(DavOptions.Section);
        builder.GetSettings<DatabaseOptions>(DatabaseOptions.Section);
        builder.GetSettings<AdminOptions>(AdminOptions.Section);
    }

    private static void AddAll(IHostApplicationBuilder builder)
    {
        builder.AddSettings<StrataOptions>(StrataOptions.Section);
        builder.AddSettings<BlobStorageOptions>(BlobStorageOptions.Section);
        builder.AddSettings<UploadOptions>(UploadOptions.Section);
        builder.AddSettings<DavOptions>(DavOptions.Section);
        builder.AddSettings<DatabaseOptions>(DatabaseOptions.Section);
        builder.AddSettings<AdminOptions>(AdminOptions.Section);
    }
}
