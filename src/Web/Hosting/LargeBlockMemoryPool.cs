using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Strata.Web.Hosting;

/// <summary>
/// Gives Kestrel 64 KiB buffers instead of its default 4 KiB ones. The socket transport receives into whatever
/// room is left in its current buffer, so with 4 KiB blocks a request body arrived 2 KiB per system call: a 1 GiB
/// upload cost 540,000 <c>recv</c>s, most of the server's CPU for it. Idle connections hold no receive buffer
/// (Kestrel waits for data before renting one), so the larger blocks cost memory only while bytes are in flight.
/// </summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}

internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    private const int BlockSize = 64 * 1024;

    // Bounds what a pool keeps after a burst (the socket transport makes one per I/O queue, up to 16): enough for
    // a few large transfers at once, each buffering at most 1 MiB; the rest goes back to the garbage collector.
    private const int MaxKeptBlocks = 64;

    private readonly ConcurrentQueue<Block> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return _free.TryDequeue(out var block) ? block : new Block(this);
    }

    protected override void Dispose(bool disposing) => _free.Clear();

    private void Return(Block block)
    {
        if (_free.Count < MaxKeptBlocks)
        {
            _free.Enqueue(block);
        }
    }

    /// <summary>Pinned, as the socket transport hands buffers to the kernel.</summary>
    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public void Dispose() => pool.Return(this);
    }
}
