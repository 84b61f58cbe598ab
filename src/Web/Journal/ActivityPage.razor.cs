using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Journal;
using Strata.Web.Files;
using Strata.Web.Identity;

namespace Strata.Web.Journal;

/// <summary>
/// The activity page: the journal in sentences, newest first, a page at a time, with a burst of uploads by one person
/// into one folder as one entry (<see cref="ActivityBursts"/>). A burst is never cut at a page's end: while the
/// oldest event read may belong to a burst the page reads on (up to <see cref="MaxPagesAhead"/> pages, where it stops
/// to keep a page quick), and entries are grouped over everything loaded, so "Older" extends a burst it continues
/// rather than starting a second entry for it.
/// </summary>
public sealed partial class ActivityPage
{
    private const int PageSize = 50;
    private const int MaxPagesAhead = 20;
    private const string TagsAdminHref = "/admin/tags";

    private readonly List<EventView> _events = [];
    private readonly HashSet<long> _expanded = [];
    private List<Entry> _entries = [];
    private Caller _caller = default!;
    private long? _before;
    private bool _loading = true;

    [Inject]
    private JournalReader Journal { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _caller = (await AuthenticationState).User.ToCaller();
        await LoadAsync(before: null);
    }

    private Task LoadMoreAsync() => LoadAsync(_before);

    private async Task LoadAsync(long? before)
    {
        _loading = true;
        var pages = 0;
        do
        {
            var page = await Journal.ReadRecentAsync(_caller, before, PageSize, CancellationToken.None);
            _events.AddRange(Shown(page.Events));
            before = page.Before;
            pages++;
        }
        while (before is not null && pages < MaxPagesAhead && _events.Count > 0 && ActivityBursts.IsUpload(Summary(_events[^1])));

        var names = await Users.NamesAsync(_events.Select(e => e.ActorId).Distinct(), CancellationToken.None);
        _entries = ActivityBursts.Group(_events.Select(Summary).ToList()).Select(run => EntryOf(_events[run], names)).ToList();
        _before = before;
        _loading = false;
    }

    /// <summary>
    /// Finder writes its metadata beside every file it copies; people would see each copy three times over. A file a
    /// visitor sent through a link is also journalled as created (in the link creator's name): one sentence is enough.
    /// </summary>
    private static IEnumerable<EventView> Shown(IReadOnlyList<EventView> events)
    {
        var sentThroughLinks = events.Where(e => e.Type == nameof(JournalEventType.LinkUploaded)).Select(e => e.NodeId).ToHashSet();
        return events
            .Where(e => !(NodePath.TryParse(e.Path, out var path, out _) && !path.IsRoot && NodeName.IsFinderMetadata(path.Name.Value)))
            .Where(e => !(e.Type == nameof(JournalEventType.FileCreated) && sentThroughLinks.Contains(e.NodeId)));
    }

    private static Entry EntryOf(List<EventView> run, IReadOnlyDictionary<string, string> names)
    {
        var newest = run[0];
        var folder = FolderOf(newest.Path);
        if (newest.Type is nameof(JournalEventType.TagChanged) or nameof(JournalEventType.TagsMerged))
        {
            // About a tag, not a folder: it leads to where tags are administered (only administrators read these events).
            return new Entry(newest.Sequence, ActivitySentence.Describe(newest, names), "Tags", TagsAdminHref, newest.At, []);
        }

        return run.Count == 1
            ? new Entry(newest.Sequence, ActivitySentence.Describe(newest, names), folder, FolderPath.Href(folder), newest.At, [])
            : new Entry(newest.Sequence, ActivitySentence.DescribeBurst(newest, run.Count, folder, names), folder, FolderPath.Href(folder), newest.At,
                run.Select(e => NameOf(e.Path)).ToList());
    }

    private void Toggle(long key)
    {
        if (!_expanded.Remove(key))
        {
            _expanded.Add(key);
        }
    }

    private static EventSummary Summary(EventView change) => new(change.Type, change.ActorId, FolderOf(change.Path), change.At);

    private static string FolderOf(string path) => NodePath.TryParse(path, out var parsed, out _) && !parsed.IsRoot ? parsed.Parent.Value : path;

    private static string NameOf(string path) => NodePath.TryParse(path, out var parsed, out _) && !parsed.IsRoot ? parsed.Name.Value : path;

    /// <summary>
    /// One line of the page: an event, or a burst of uploads with the names of its files (newest first); Where names
    /// what it happened in (a folder's path, or tag administration), linked to Href.
    /// </summary>
    private sealed record Entry(long Key, string Text, string Where, string Href, DateTimeOffset At, IReadOnlyList<string> Files);
}
