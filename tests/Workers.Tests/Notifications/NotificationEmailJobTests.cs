using Strata.Domain.Notifications;

namespace Strata.Workers.Tests.Notifications;

/// <summary>Notification email through a real SMTP server: instant bundles, digests at the local hour, preferences, escaping.</summary>
public sealed class NotificationEmailJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly TestSmtpServer _smtp = new();
    private readonly NotificationHost _host;

    public NotificationEmailJobTests() => _host = new NotificationHost(Start, _smtp.Port);

    public ValueTask InitializeAsync() => new(_host.StartAsync());

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_hundred_events_in_five_minutes_make_one_instant_email_of_fifty_items_and_fifty_more()
    {
        for (var i = 0; i < 100; i++)
        {
            await AssignAsync($"file-{i:000}.txt");
            await _host.DeriveAsync();
            _host.Clock.Advance(TimeSpan.FromSeconds(3));
        }

        (await _host.RunEmailJobAsync()).ShouldBe(0, "five minutes in, the burst may not be over");
        _host.Clock.SetUtcNow(Start.AddMinutes(10));
        (await _host.RunEmailJobAsync()).ShouldBe(1);
        _host.Clock.Advance(TimeSpan.FromHours(1));
        (await _host.RunEmailJobAsync()).ShouldBe(0);

        var message = _smtp.Messages.ShouldHaveSingleItem();
        var html = message.HtmlBody.ShouldNotBeNull();
        var text = message.TextBody.ShouldNotBeNull();
        message.To.Mailboxes.Single().Address.ShouldBe("bob@example.com");
        message.Subject.ShouldBe("100 new notifications in Strata");
        html.Split("<li>").Length.ShouldBe(51);
        html.ShouldContain("and 50 more");
        html.ShouldContain("file-049.txt");
        html.ShouldNotContain("file-050.txt");
        text.ShouldContain("and 50 more");
        text.ShouldContain("https://files.example.com/notifications/preferences");
        html.ShouldContain("href=\"https://files.example.com/notifications/preferences\"");
        html.ShouldContain("href=\"https://files.example.com/files/Private/bob\"");
    }

    [Fact]
    public async Task User_supplied_text_is_escaped_in_the_html_part()
    {
        await _host.WriteAsync("CommentAdded", "a&b.txt", new() { ["commentId"] = "1", ["threadId"] = "1", ["mentions"] = NotificationHost.BobId, ["excerpt"] = "<script>alert('x')</script>" });
        await _host.DeriveAsync();
        _host.Clock.Advance(EmailSchedule.InstantWindow);

        (await _host.RunEmailJobAsync()).ShouldBe(1);

        var message = _smtp.Messages.ShouldHaveSingleItem();
        var html = message.HtmlBody.ShouldNotBeNull();
        var text = message.TextBody.ShouldNotBeNull();
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<img");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("a&amp;b.txt");
        html.ShouldContain("&lt;img src=x onerror=alert(1)&gt; mentioned you");
        text.ShouldContain("<script>alert('x')</script>");
        message.Subject.ShouldBe("<img src=x onerror=alert(1)> mentioned you on a&b.txt");
    }

    [Fact]
    public async Task A_daily_digest_goes_at_the_users_local_hour()
    {
        // 08:00 in Berlin is 07:00 UTC in March (before the change to summer time).
        await _host.SetPreferencesAsync(NotificationPreferences.Default with { Frequency = EmailFrequency.Daily, DigestHour = 8, TimeZone = "Europe/Berlin" });
        await AssignAsync("plan.txt");
        await _host.DeriveAsync();

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 6, 59, 0, TimeSpan.Zero));
        (await _host.RunEmailJobAsync()).ShouldBe(0);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 7, 0, 0, TimeSpan.Zero));
        (await _host.RunEmailJobAsync()).ShouldBe(1);

        _smtp.Messages.ShouldHaveSingleItem().Subject.ShouldBe("<img src=x onerror=alert(1)> assigned you a task on plan.txt");
    }

    [Fact]
    public async Task A_weekly_digest_waits_for_monday()
    {
        await _host.SetPreferencesAsync(NotificationPreferences.Default with { Frequency = EmailFrequency.Weekly, DigestHour = 7, TimeZone = "UTC" });
        await AssignAsync("plan.txt");
        await _host.DeriveAsync();

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero));
        (await _host.RunEmailJobAsync()).ShouldBe(0);
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero));
        (await _host.RunEmailJobAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Email_off_for_a_kind_or_altogether_sends_nothing_but_keeps_the_app()
    {
        var noTaskEmail = NotificationPreferences.Default.Email.Where(k => k != NotificationKind.TaskAssigned).ToHashSet();
        await _host.SetPreferencesAsync(NotificationPreferences.Default with { Email = noTaskEmail });
        await AssignAsync("one.txt");
        await _host.DeriveAsync();
        await _host.SetPreferencesAsync(NotificationPreferences.Default with { Frequency = EmailFrequency.Off });
        await AssignAsync("two.txt");
        await _host.DeriveAsync();

        _host.Clock.Advance(TimeSpan.FromDays(8));
        (await _host.RunEmailJobAsync()).ShouldBe(0);

        _smtp.Messages.ShouldBeEmpty();
        var notifications = await _host.NotificationsAsync();
        notifications.Count.ShouldBe(2);
        notifications.ShouldAllBe(n => n.InApp && !n.EmailPending);
    }

    [Fact]
    public async Task Turning_email_off_drops_what_was_pending()
    {
        await AssignAsync("one.txt");
        await _host.DeriveAsync();
        await _host.SetPreferencesAsync(NotificationPreferences.Default with { Frequency = EmailFrequency.Off });

        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.RunEmailJobAsync();
        await _host.SetPreferencesAsync(NotificationPreferences.Default);
        await _host.RunEmailJobAsync();

        _smtp.Messages.ShouldBeEmpty();
    }

    private Task AssignAsync(string fileName) =>
        _host.WriteAsync("TaskCreated", fileName, new() { ["taskId"] = "1", ["kind"] = "ToDo", ["assignees"] = NotificationHost.BobId, ["creator"] = NotificationHost.AliceId });
}

/// <summary>Without an SMTP host, notifications stay in the app and nothing waits for email.</summary>
public sealed class NotificationWithoutSmtpTests : IAsyncLifetime
{
    private readonly NotificationHost _host = new(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), smtpPort: null);

    public ValueTask InitializeAsync() => new(_host.StartAsync());

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Notifications_are_in_app_only()
    {
        await _host.WriteAsync("TaskCreated", "plan.txt", new() { ["assignees"] = NotificationHost.BobId, ["creator"] = NotificationHost.AliceId });
        await _host.DeriveAsync();
        _host.Clock.Advance(TimeSpan.FromHours(1));

        (await _host.RunEmailJobAsync()).ShouldBe(0);
        (await _host.NotificationsAsync()).ShouldHaveSingleItem().EmailPending.ShouldBeFalse();
    }
}
