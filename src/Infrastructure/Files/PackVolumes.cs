using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Files;

/// <summary>Where a packed blob's record starts, how many bytes follow its header, and when it was first written.</summary>
internal readonly record struct PackLocation(int Volume, long Offset, int Length, long WrittenAtMs)
{
    public long RecordSize => PackRecord.HeaderSize + Length;
}

/// <summary>
/// Small blobs as records appended to shared volume files (<c>packs/00000001.pack</c>), found through an index in
/// memory that is rebuilt from the volumes at start. Only the newest volume is appended to; it is rolled over once it
/// passes its size. Appends are made durable in groups: the first writer writes and fsyncs every record queued so far,
/// and writers arriving during that fsync share the next one. Records are written in queue order and the next group
/// starts only after the previous fsync, so every acknowledged record lies before the first record a crash may have
/// torn; the start-up scan checks the newest volume's records to the end and cuts the file after the last intact one.
/// Older volumes were completely fsynced before the next one began, so their headers alone are read.
/// A deleted record is noted in the volume's tombstone file (<c>.dead</c>) and its space reclaimed by compaction.
/// </summary>
internal sealed class PackVolumes : IDisposable
{
    private const double CompactBelowLiveShare = 0.5;
    private const int ScanBufferSize = 1 << 20;
    private const int CopyBatchBytes = 8 << 20;
    private const int TombstoneSize = 16;

    // Linux's IOV_MAX: the most buffers one pwritev takes.
    private const int MaxGroup = 1024;

    private readonly string _folder;
    private readonly long _volumeSize;
    private readonly ConcurrentDictionary<BlobKey, PackLocation> _index = new();
    private readonly ConcurrentDictionary<int, Volume> _volumes = new();

    // Guards index changes together with the live byte counts of the volumes they move between.
    private readonly Lock _indexLock = new();
    private readonly Lock _queueLock = new();
    private readonly Lock _tombstoneLock = new();
    private readonly SemaphoreSlim _compacting = new(1, 1);
    private List<PendingAppend> _queue = [];
    private bool _flushing;
    private Volume _active;
    private Exception? _faulted;

    public PackVolumes(string folder, long volumeSize)
    {
        _folder = folder;
        _volumeSize = volumeSize;
        _active = Load();
    }

    public bool Contains(BlobKey key) => _index.ContainsKey(key);

    /// <summary>
    /// Appends a record (its first <see cref="PackRecord.HeaderSize"/> bytes left free for the header) and returns once
    /// an fsync covers it: true when it is now indexed, false when the key was already stored (its bytes are then dead).
    /// The buffer is the caller's again when the task completes.
    /// </summary>
    public async Task<bool> AppendAsync(BlobKey key, byte[] record, int payloadLength, long writtenAtMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PackRecord.WriteHeader(record, key, writtenAtMs, record.AsSpan(PackRecord.HeaderSize, payloadLength));

        // Not cancellable once queued: the leader may already be writing the buffer.
        return await Enqueue(new PendingAppend(key, record, PackRecord.HeaderSize + payloadLength, Index: true)) is not null;
    }

    /// <summary>The record's bytes; null when the key is not packed (any more: a deletion may race the caller).</summary>
    public Stream? TryOpen(BlobKey key)
    {
        while (_index.TryGetValue(key, out var location))
        {
            try
            {
                var handle = File.OpenHandle(PackPath(location.Volume), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return new PackedBlobStream(handle, location.Offset + PackRecord.HeaderSize, location.Length);
            }
            catch (FileNotFoundException) when (!_index.TryGetValue(key, out var now) || now != location)
            {
                // A compaction moved the record and deleted its volume between the lookup and the open: look again.
            }
        }

        return null;
    }

    /// <summary>Forgets the record; false when the key was not packed.</summary>
    public bool Delete(BlobKey key)
    {
        PackLocation location;
        lock (_indexLock)
        {
            if (!_index.TryRemove(key, out location))
            {
                return false;
            }

            _volumes[location.Volume].LiveBytes -= location.RecordSize;
        }

        WriteTombstone(key, location);
        return true;
    }

    public IEnumerable<(string Hash, DateTimeOffset WrittenAt)> List() =>
        _index.Select(entry => (entry.Key.ToHex(), DateTimeOffset.FromUnixTimeMilliseconds(entry.Value.WrittenAtMs)));

    /// <summary>
    /// Rewrites each volume but the active one whose live records fill less than half of it: copies them into the
    /// active volume (durably), points the index at the copies, then deletes the volume. A crash at any step leaves
    /// every live record in at least one volume; two copies are harmless, both are the same bytes under the same hash.
    /// Returns how many volumes were reclaimed.
    /// </summary>
    public async Task<int> CompactAsync(CancellationToken cancellationToken)
    {
        await _compacting.WaitAsync(cancellationToken);
        try
        {
            var active = Volatile.Read(ref _active);
            var sparse = new List<Volume>();
            lock (_indexLock)
            {
                sparse.AddRange(_volumes.Values.Where(v => v != active && v.LiveBytes < v.Length * CompactBelowLiveShare).OrderBy(v => v.Number));
            }

            foreach (var volume in sparse)
            {
                await CompactAsync(volume, cancellationToken);
            }

            return sparse.Count;
        }
        finally
        {
            _compacting.Release();
        }
    }

    public void Dispose()
    {
        lock (_queueLock)
        {
            _active.Appender?.Dispose();
        }

        _compacting.Dispose();
    }

    private async Task CompactAsync(Volume volume, CancellationToken cancellationToken)
    {
        var live = _index.Where(e => e.Value.Volume == volume.Number).OrderBy(e => e.Value.Offset).ToList();
        var copies = new List<(BlobKey Key, PackLocation From, PackLocation To)>(live.Count);
        using (var source = File.OpenHandle(volume.PackPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            for (var start = 0; start < live.Count;)
            {
                var batch = new List<(BlobKey Key, PackLocation From, PendingAppend Copy)>();
                for (long bytes = 0; start < live.Count && bytes < CopyBatchBytes; start++)
                {
                    var (key, from) = live[start];
                    var record = ArrayPool<byte>.Shared.Rent((int)from.RecordSize);
                    await ReadExactlyAsync(source, record.AsMemory(0, (int)from.RecordSize), from.Offset, cancellationToken);

                    // Header and all, as it was: the write time still starts the blob's grace period.
                    batch.Add((key, from, new PendingAppend(key, record, (int)from.RecordSize, Index: false)));
                    bytes += from.RecordSize;
                }

                // All at once, so that they share fsyncs.
                Enqueue(batch.Select(b => b.Copy).ToList());
                try
                {
                    foreach (var (key, from, copy) in batch)
                    {
                        copies.Add((key, from, (await copy.Done.Task)!.Value));
                    }
                }
                finally
                {
                    foreach (var (_, _, copy) in batch)
                    {
                        await ((Task)copy.Done.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        ArrayPool<byte>.Shared.Return(copy.Record);
                    }
                }
            }
        }

        CrashPoints.Reach("compact.copied");
        var abandoned = new List<(BlobKey Key, PackLocation Copy)>();
        lock (_indexLock)
        {
            foreach (var (key, from, to) in copies)
            {
                // Deleted (or re-added elsewhere) while it was being copied: the copy is dead on arrival.
                if (!_index.TryGetValue(key, out var current) || current != from)
                {
                    abandoned.Add((key, to));
                    continue;
                }

                _index[key] = to;
                volume.LiveBytes -= from.RecordSize;
                _volumes[to.Volume].LiveBytes += to.RecordSize;
            }

            _volumes.TryRemove(volume.Number, out _);
        }

        foreach (var (key, copy) in abandoned)
        {
            WriteTombstone(key, copy);
        }

        CrashPoints.Reach("compact.before-delete");
        File.Delete(volume.PackPath);
        CrashPoints.Reach("compact.after-delete");
        File.Delete(volume.DeadPath);
    }

    private Task<PackLocation?> Enqueue(PendingAppend append)
    {
        Enqueue([append]);
        return append.Done.Task;
    }

    private void Enqueue(IReadOnlyCollection<PendingAppend> appends)
    {
        bool lead;
        lock (_queueLock)
        {
            _queue.AddRange(appends);
            lead = !_flushing;
            _flushing = true;
        }

        // A writer alone leads at once: no timer waits for company.
        if (lead)
        {
            FlushGroup();
        }
    }

    /// <summary>
    /// Writes and fsyncs what is queued (up to one gathered write's worth of records), then hands the rest of the queue
    /// (filled meanwhile) to the thread pool, so that the leader's own request goes on instead of serving others.
    /// </summary>
    private void FlushGroup()
    {
        List<PendingAppend> group;
        lock (_queueLock)
        {
            if (_queue.Count <= MaxGroup)
            {
                group = _queue;
                _queue = [];
            }
            else
            {
                group = _queue.GetRange(0, MaxGroup);
                _queue.RemoveRange(0, MaxGroup);
            }
        }

        WriteGroup(group);
        bool more;
        lock (_queueLock)
        {
            more = _queue.Count > 0;
            _flushing = more;
        }

        if (more)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => FlushGroup(), null);
        }
    }

    private void WriteGroup(List<PendingAppend> group)
    {
        var results = new PackLocation?[group.Count];
        try
        {
            if (_faulted is not null)
            {
                throw new IOException("The pack volume could not be restored after a failed write; restart to recover it.", _faulted);
            }

            var volume = _active.Length >= _volumeSize ? Roll() : _active;
            var buffers = new ReadOnlyMemory<byte>[group.Count];
            var start = volume.Length;
            var end = start;
            for (var i = 0; i < group.Count; i++)
            {
                var append = group[i];
                buffers[i] = append.Record.AsMemory(0, append.RecordLength);
                results[i] = new PackLocation(
                    volume.Number, end, append.RecordLength - PackRecord.HeaderSize, BinaryPrimitives.ReadInt64LittleEndian(append.Record.AsSpan(8)));
                end += append.RecordLength;
            }

            try
            {
                RandomAccess.Write(volume.Appender!, buffers, start);
                CrashPoints.Reach("pack.appended");
                RandomAccess.FlushToDisk(volume.Appender!);
                CrashPoints.Reach("pack.synced");
            }
            catch
            {
                Truncate(volume, start);
                throw;
            }

            volume.Length = end;
            lock (_indexLock)
            {
                for (var i = 0; i < group.Count; i++)
                {
                    if (!group[i].Index)
                    {
                        continue;
                    }

                    if (_index.TryAdd(group[i].Key, results[i]!.Value))
                    {
                        volume.LiveBytes += results[i]!.Value.RecordSize;
                    }
                    else
                    {
                        results[i] = null;
                    }
                }
            }

            CrashPoints.Reach("pack.indexed");
        }
        catch (Exception e)
        {
            foreach (var append in group)
            {
                append.Done.SetException(e);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.SetResult(results[i]);
        }
    }

    // Later groups must not land after bytes that a failed write may have left half there.
    private void Truncate(Volume volume, long length)
    {
        try
        {
            RandomAccess.SetLength(volume.Appender!, length);
            RandomAccess.FlushToDisk(volume.Appender!);
        }
        catch (Exception e)
        {
            _faulted = e;
        }
    }

    // Called by the leader only, after the previous group's fsync: the volume it seals holds no unsynced byte.
    private Volume Roll()
    {
        var sealedVolume = _active;
        var next = CreateVolume(sealedVolume.Number + 1);
        sealedVolume.Appender!.Dispose();
        sealedVolume.Appender = null;
        Volatile.Write(ref _active, next);
        return next;
    }

    private Volume CreateVolume(int number)
    {
        var volume = new Volume(number, PackPath(number), DeadPath(number))
        {
            Appender = File.OpenHandle(PackPath(number), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete),
        };
        DirectorySync.Flush(_folder);
        _volumes[number] = volume;
        return volume;
    }

    /// <summary>
    /// No fsync: a tombstone lost in a crash only brings back a blob nothing references, and the GC's orphan sweep
    /// deletes it again. The hash prefix and checksum keep zeros or a torn entry from killing another record.
    /// </summary>
    private void WriteTombstone(BlobKey key, PackLocation location)
    {
        Span<byte> entry = stackalloc byte[TombstoneSize];
        BinaryPrimitives.WriteInt64LittleEndian(entry, location.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], HashPrefix(key));
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], PackRecord.Crc32C(entry[..12]));
        lock (_tombstoneLock)
        {
            using var file = File.OpenHandle(DeadPath(location.Volume), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(file);

            // A torn entry at the end is overwritten rather than shifting every later one.
            RandomAccess.Write(file, entry, length - (length % TombstoneSize));
        }
    }

    private Volume Load()
    {
        var created = !Directory.Exists(_folder);
        Directory.CreateDirectory(_folder);
        if (created)
        {
            DirectorySync.Flush(Path.GetDirectoryName(_folder)!);
        }

        var numbers = Directory.EnumerateFiles(_folder, "*.pack").Select(f => VolumeNumber(f)).OfType<int>().Order().ToList();
        foreach (var dead in Directory.EnumerateFiles(_folder, "*.dead"))
        {
            // Left by a compaction that deleted its volume and stopped, or by a deletion racing that compaction.
            if (VolumeNumber(dead) is not { } number || !numbers.Contains(number))
            {
                File.Delete(dead);
            }
        }

        foreach (var number in numbers)
        {
            var volume = new Volume(number, PackPath(number), DeadPath(number));
            _volumes[number] = volume;
            var last = number == numbers[^1];
            using var file = File.OpenHandle(volume.PackPath, FileMode.Open, last ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            volume.Length = Scan(file, volume, ReadTombstones(volume), verifyPayloads: last);
            if (last && volume.Length < RandomAccess.GetLength(file))
            {
                RandomAccess.SetLength(file, volume.Length);
                RandomAccess.FlushToDisk(file);
            }
        }

        if (numbers.Count == 0)
        {
            return CreateVolume(1);
        }

        var active = _volumes[numbers[^1]];
        active.Appender = File.OpenHandle(active.PackPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        return active;
    }

    /// <summary>Indexes the volume's intact records, not those a tombstone names; returns where the intact ones end.</summary>
    private long Scan(SafeFileHandle file, Volume volume, Dictionary<long, uint> dead, bool verifyPayloads)
    {
        var fileLength = RandomAccess.GetLength(file);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBufferSize);
        try
        {
            long position = 0, bufferStart = 0;
            var buffered = 0;
            while (position + PackRecord.HeaderSize <= fileLength)
            {
                if (position + PackRecord.HeaderSize > bufferStart + buffered)
                {
                    bufferStart = position;
                    buffered = ReadAtMost(file, buffer.AsSpan(0, ScanBufferSize), position);
                }

                var header = buffer.AsSpan((int)(position - bufferStart), PackRecord.HeaderSize);
                if (!PackRecord.TryReadHeader(header, out var key, out var length, out var writtenAtMs, out var payloadCrc)
                    || position + PackRecord.HeaderSize + length > fileLength
                    || (verifyPayloads && !PayloadIntact(file, buffer, bufferStart, buffered, position + PackRecord.HeaderSize, length, payloadCrc)))
                {
                    break;
                }

                if (!(dead.TryGetValue(position, out var prefix) && prefix == HashPrefix(key)))
                {
                    var location = new PackLocation(volume.Number, position, length, writtenAtMs);

                    // The same content in two volumes (a compaction that stopped before deleting its source): the
                    // newer copy wins, the older one counts as dead space and goes with its volume.
                    if (_index.TryGetValue(key, out var older))
                    {
                        _volumes[older.Volume].LiveBytes -= older.RecordSize;
                    }

                    _index[key] = location;
                    volume.LiveBytes += location.RecordSize;
                }

                position += PackRecord.HeaderSize + length;
            }

            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool PayloadIntact(SafeFileHandle file, byte[] buffer, long bufferStart, int buffered, long start, int length, uint crc)
    {
        if (start + length <= bufferStart + buffered)
        {
            return PackRecord.Crc32C(buffer.AsSpan((int)(start - bufferStart), length)) == crc;
        }

        var payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return ReadAtMost(file, payload.AsSpan(0, length), start) == length && PackRecord.Crc32C(payload.AsSpan(0, length)) == crc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private static Dictionary<long, uint> ReadTombstones(Volume volume)
    {
        var dead = new Dictionary<long, uint>();
        if (!File.Exists(volume.DeadPath))
        {
            return dead;
        }

        using var file = File.OpenHandle(volume.DeadPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBufferSize - (ScanBufferSize % TombstoneSize));
        try
        {
            long position = 0;
            int read;
            while ((read = ReadAtMost(file, buffer, position)) >= TombstoneSize)
            {
                for (var at = 0; at + TombstoneSize <= read; at += TombstoneSize)
                {
                    var entry = buffer.AsSpan(at, TombstoneSize);
                    if (BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]) == PackRecord.Crc32C(entry[..12]))
                    {
                        dead[BinaryPrimitives.ReadInt64LittleEndian(entry)] = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
                    }
                }

                position += read - (read % TombstoneSize);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return dead;
    }

    private static int ReadAtMost(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(file, buffer[total..], offset + total)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async Task ReadExactlyAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        for (var total = 0; total < buffer.Length;)
        {
            var read = await RandomAccess.ReadAsync(file, buffer[total..], offset + total, cancellationToken);
            total += read > 0 ? read : throw new EndOfStreamException("A pack volume ends inside an indexed record.");
        }
    }

    private static uint HashPrefix(BlobKey key) => (uint)(key.A >> 32);

    private static int? VolumeNumber(string path) =>
        int.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private string PackPath(int number) => Path.Combine(_folder, number.ToString("D8", CultureInfo.InvariantCulture) + ".pack");

    private string DeadPath(int number) => Path.Combine(_folder, number.ToString("D8", CultureInfo.InvariantCulture) + ".dead");

    private sealed record PendingAppend(BlobKey Key, byte[] Record, int RecordLength, bool Index)
    {
        public TaskCompletionSource<PackLocation?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Volume(int number, string packPath, string deadPath)
    {
        public int Number => number;

        public string PackPath => packPath;

        public string DeadPath => deadPath;

        /// <summary>End of the intact records; where the next group goes while this is the active volume.</summary>
        public long Length { get; set; }

        public long LiveBytes { get; set; }

        public SafeFileHandle? Appender { get; set; }
    }
}
