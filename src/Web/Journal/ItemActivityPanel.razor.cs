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
        var shown = (await Journal.ReadRecentAsync(Caller, Item.Id, before: null, Shown, CancellationToken.None)).Events;
        var names = await Users.NamesAsync(shown.Select(e => e.ActorId), CancellationToken.None);
        _rows = shown.Select(e => new Row(ActivitySentence.Describe(e, names), e.At)).ToList();
    }

    private sealed record Row(string Text, DateTimeOffset At);
}
