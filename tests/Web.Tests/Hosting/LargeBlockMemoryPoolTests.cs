using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Hosting;

namespace Strata.Web.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private readonly MemoryPool<byte> _pool = new LargeBlockMemoryPoolFactory().Create();

    [Fact]
    public void Every_block_holds_64_KiB_however_little_is_asked_for()
    {
        using var small = _pool.Rent(2048);
        using var unspecified = _pool.Rent();

        small.Memory.Length.ShouldBe(BlockSize);
        unspecified.Memory.Length.ShouldBe(BlockSize);
        _pool.MaxBufferSize.ShouldBe(BlockSize);
    }

    [Fact]
    public void A_returned_block_is_handed_out_again()
    {
        var first = _pool.Rent();
        var array = ArrayOf(first.Memory);
        first.Dispose();

        using var second = _pool.Rent();

        ArrayOf(second.Memory).ShouldBeSameAs(array);
    }

    [Fact]
    public void Blocks_in_use_are_distinct()
    {
        using var first = _pool.Rent();
        using var second = _pool.Rent();

        ArrayOf(second.Memory).ShouldNotBeSameAs(ArrayOf(first.Memory));
    }

    [Fact]
    public void More_than_a_block_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _pool.Rent(BlockSize + 1));
    }

    [Fact]
    public void The_host_gives_the_server_the_large_block_pool()
    {
        using var app = new StrataAppFactory();

        app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().ShouldBeOfType<LargeBlockMemoryPoolFactory>();
    }

    public void Dispose() => _pool.Dispose();

    private static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array! : throw new InvalidOperationException("Not array-backed.");
}
