namespace Strata.Web.Uploads;

public enum UploadState
{
    Queued,
    Uploading,
    Paused,
    Completed,
    Failed,
}

/// <summary>One file of the upload panel, with its speed smoothed so that the time left does not jitter.</summary>
public sealed class UploadItem(int id, string name, string folder, long size)
{
    /// <summary>Weight of the newest speed sample: about the last two seconds at four reports a second.</summary>
    private const double Smoothing = 0.2;

    private DateTimeOffset? _lastAt;

    public int Id { get; } = id;

    /// <summary>The file's path within the upload: its name, or e.g. <c>Crash dumps/readme.txt</c> for a folder's.</summary>
    public string Name { get; } = name;

    /// <summary>The folder the upload went to.</summary>
    public string Folder { get; } = folder;

    public long Size { get; } = size;

    public long Sent { get; private set; }

    public UploadState State { get; private set; } = UploadState.Queued;

    public string? Error { get; private set; }

    /// <summary>Bytes per second, smoothed; 0 until two reports arrived.</summary>
    public double Speed { get; private set; }

    public double Percent => Size == 0 ? (State == UploadState.Completed ? 100 : 0) : 100.0 * Sent / Size;

    public TimeSpan? TimeLeft => State == UploadState.Uploading && Speed > 0 && Sent < Size ? TimeSpan.FromSeconds((Size - Sent) / Speed) : null;

    public bool IsActive => State is UploadState.Queued or UploadState.Uploading or UploadState.Paused;

    internal void Started(DateTimeOffset at)
    {
        State = UploadState.Uploading;
        _lastAt = at;
    }

    internal void Progressed(long sent, DateTimeOffset at)
    {
        if (State == UploadState.Paused)
        {
            return;
        }

        State = UploadState.Uploading;
        if (_lastAt is { } last && at > last && sent >= Sent)
        {
            var sample = (sent - Sent) / (at - last).TotalSeconds;
            Speed = Speed == 0 ? sample : (Smoothing * sample) + ((1 - Smoothing) * Speed);
        }

        Sent = sent;
        _lastAt = at;
    }

    /// <summary>
    /// A request starts at <paramref name="offset"/>: bytes below it were sent before (an earlier session, or before
    /// a retry), so the next speed sample counts from here.
    /// </summary>
    internal void AtOffset(long offset, DateTimeOffset at)
    {
        Sent = offset;
        _lastAt = at;
    }

    internal void Paused()
    {
        State = UploadState.Paused;
        Speed = 0;
    }

    internal void Resumed() => State = UploadState.Queued;

    internal void Completed()
    {
        State = UploadState.Completed;
        Sent = Size;
        Speed = 0;
    }

    internal void Failed(string error)
    {
        State = UploadState.Failed;
        Error = error;
        Speed = 0;
    }
}

/// <summary>The upload panel's state: what the browser reports, turned into per-file and total progress.</summary>
public sealed class UploadTracker(TimeProvider clock)
{
    private readonly List<UploadItem> _items = [];

    public IReadOnlyList<UploadItem> Items => _items;

    public long TotalSize => _items.Sum(i => i.Size);

    public long TotalSent => _items.Sum(i => i.Sent);

    public double TotalPercent => TotalSize == 0 ? (_items.Count > 0 && _items.All(i => !i.IsActive) ? 100 : 0) : 100.0 * TotalSent / TotalSize;

    public double TotalSpeed => _items.Sum(i => i.Speed);

    public TimeSpan? TotalTimeLeft
    {
        get
        {
            var left = _items.Where(i => i.IsActive).Sum(i => i.Size - i.Sent);
            return TotalSpeed > 0 && left > 0 ? TimeSpan.FromSeconds(left / TotalSpeed) : null;
        }
    }

    public int ActiveCount => _items.Count(i => i.IsActive);

    public UploadItem Add(int id, string name, string folder, long size)
    {
        var item = new UploadItem(id, name, folder, size);
        _items.Add(item);
        return item;
    }

    public void Started(int id) => Find(id)?.Started(clock.GetUtcNow());

    public void AtOffset(int id, long offset) => Find(id)?.AtOffset(offset, clock.GetUtcNow());

    public void Progressed(int id, long sent) => Find(id)?.Progressed(sent, clock.GetUtcNow());

    public void Paused(int id) => Find(id)?.Paused();

    public void Resumed(int id) => Find(id)?.Resumed();

    public void Completed(int id) => Find(id)?.Completed();

    public void Failed(int id, string error) => Find(id)?.Failed(error);

    public void Remove(int id) => _items.RemoveAll(i => i.Id == id);

    /// <summary>Drops finished and failed rows; running uploads stay.</summary>
    public void ClearFinished() => _items.RemoveAll(i => !i.IsActive);

    private UploadItem? Find(int id) => _items.Find(i => i.Id == id);
}
