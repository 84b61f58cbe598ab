using Microsoft.AspNetCore.Components;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Journal;

namespace Strata.Web.Journal;

/// <summary>The item's last <see cref="Shown"/> journal events the caller may see, newest first.</summary>
public sealed partial class ItemActivityPanel
{
    private const int Shown = 20;
    private const int PageSize = 200;

    /// <summary>How far back the panel looks: the reader pages the whole journal, so a quiet item must not cost a full scan.</summary>
    private const int MaxPages = 5;

    private List<Row>? _rows;
    private long? _loadedFor;

    [Inject]
    private JournalReader Journal { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Item.Id)
        {
            return;
        }

        _loadedFor = Item.Id;
        _rows = null;
        var events = new List<EventView>();
        long? before = null;
        for (var page = 0; page < MaxPages && events.Count < Shown; page++)
        {
            var recent = await Journal.ReadRecentAsync(Caller, before, PageSize, CancellationToken.None);
            events.AddRange(recent.Events.Where(e => e.NodeId == Item.Id));
            if (recent.Before is not { } older)
            {
                break;
            }

            before = older;
        }

        var shown = events.Take(Shown).ToList();
        var names = await Users.NamesAsync(shown.Select(e => e.ActorId), CancellationToken.None);
        _rows = shown.Select(e => new Row(ActivitySentence.Describe(e, names), e.At)).ToList();
    }

    private sealed record Row(string Text, DateTimeOffset At);
}
