using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Strata.Domain.Access;
using Strata.Web.Uploads;

namespace Strata.Web.Tests.Uploads;

/// <summary>The upload panel as the browser script drives it (the script itself runs in the E2E tests).</summary>
public sealed class UploadPanelTests : BunitContext
{
    private readonly FakeTimeProvider _clock = new();
    private readonly BunitJSModuleInterop _module;

    public UploadPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule("./js/uploads.js");
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_clock);

        // Planning needs the file service; these tests start from files the script already queued.
        Services.AddSingleton(new UploadPlanner(null!));
    }

    [Fact]
    public void The_panel_appears_with_the_first_file_and_shows_progress_speed_and_time_left()
    {
        var cut = RenderUploader();
        cut.FindAll("[data-testid=upload-panel]").ShouldBeEmpty();

        cut.InvokeAsync(() => cut.Instance.OnQueued(1, "dump.dmp", "/Shared/Dumps", 100_000_000));
        cut.InvokeAsync(() => cut.Instance.OnStarted(1));
        _clock.Advance(TimeSpan.FromSeconds(2));
        cut.InvokeAsync(() => cut.Instance.OnProgress(1, 20_000_000, 100_000_000));

        cut.WaitForAssertion(() => cut.Find("[data-testid=upload-status]").TextContent.ShouldBe("20% · 19.1 MiB of 95.4 MiB · 9.5 MiB/s · 8 s left"));
        cut.Find("[data-testid=upload-summary]").TextContent.ShouldStartWith("Uploading 1 of 1");
    }

    [Fact]
    public void Pause_and_resume_go_to_the_script_and_change_the_row()
    {
        var cut = RenderUploader();
        cut.InvokeAsync(() => cut.Instance.OnQueued(7, "build.zip", "/Shared", 1000));
        cut.InvokeAsync(() => cut.Instance.OnStarted(7));

        cut.WaitForElement("[data-testid=upload-pause]").Click();

        _module.VerifyInvoke("pause").Arguments.ShouldBe([7]);
        cut.WaitForAssertion(() => cut.Find("[data-testid=upload-item]").GetAttribute("data-state").ShouldBe("Paused"));
        cut.Find("[data-testid=upload-resume]").Click();
        _module.VerifyInvoke("resume").Arguments.ShouldBe([7]);
    }

    [Fact]
    public void Completed_and_failed_uploads_are_summed_up_and_can_be_cleared()
    {
        var cut = RenderUploader();
        cut.InvokeAsync(() => cut.Instance.OnQueued(1, "a.txt", "/Shared", 10));
        cut.InvokeAsync(() => cut.Instance.OnQueued(2, "b.txt", "/Shared", 10));
        cut.InvokeAsync(() => cut.Instance.OnCompleted(1));
        cut.InvokeAsync(() => cut.Instance.OnFailed(2, "You cannot write in '/Shared'."));

        cut.WaitForAssertion(() => cut.Find("[data-testid=upload-summary]").TextContent.ShouldBe("1 uploaded, 1 failed"));
        cut.FindAll("[data-testid=upload-status]")[1].TextContent.ShouldBe("You cannot write in '/Shared'.");

        cut.Find("[data-testid=upload-clear]").Click();
        cut.FindAll("[data-testid=upload-panel]").ShouldBeEmpty();
    }

    [Fact]
    public void Unfinished_uploads_of_an_earlier_visit_are_pointed_out()
    {
        _module.Setup<int>("unfinishedCount").SetResult(2);

        var cut = RenderUploader();

        cut.WaitForAssertion(() => cut.Find("[data-testid=upload-unfinished]").TextContent.ShouldContain("2 uploads from an earlier visit are unfinished"));
    }

    private IRenderedComponent<UploadPanel> RenderUploader() =>
        Render<UploadPanel>(p => p.Add(u => u.Caller, new Caller("u1", "alice", IsAdmin: false)));
}
