using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Uploads;

namespace Strata.Infrastructure.Tests.Uploads;

public sealed class PartFilesTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("strata-parts-").FullName;
    private readonly string _id = PartFiles.NewId();
    private readonly byte[] _bytes = RandomNumberGenerator.GetBytes(300_000);

    [Fact]
    public void Appends_continuing_at_the_covered_offset_hash_the_whole_content()
    {
        var parts = NewPartFiles();

        parts.HashForAppend(_id, 0)!.Append(_bytes.AsSpan(0, 100_000));
        parts.HashForAppend(_id, 100_000)!.Append(_bytes.AsSpan(100_000, 150_000));
        parts.HashForAppend(_id, 250_000)!.Append(_bytes.AsSpan(250_000));

        parts.FinishedHash(_id, _bytes.Length).ShouldBe(Sha256(_bytes));
    }

    [Fact]
    public void Finished_hash_needs_exactly_the_upload_length()
    {
        var parts = NewPartFiles();
        parts.HashForAppend(_id, 0)!.Append(_bytes.AsSpan(0, 100_000));

        parts.FinishedHash(_id, _bytes.Length).ShouldBeNull();
        parts.FinishedHash(_id, 100_000).ShouldBe(Sha256(_bytes[..100_000]));
    }

    [Fact]
    public void Append_at_an_offset_the_hash_does_not_cover_drops_it()
    {
        var parts = NewPartFiles();

        // Written further than recorded (a failed checkpoint): the next append starts at the recorded offset.
        parts.HashForAppend(_id, 0)!.Append(_bytes.AsSpan(0, 100_000));
        var behind = parts.HashForAppend(_id, 60_000);

        behind.ShouldBeNull();
        parts.FinishedHash(_id, 100_000).ShouldBeNull();
        parts.HashForAppend(_id, 100_000).ShouldBeNull("a dropped hash does not come back");
    }

    [Fact]
    public void Append_from_zero_after_a_mismatch_starts_a_fresh_hash()
    {
        var parts = NewPartFiles();
        parts.HashForAppend(_id, 0)!.Append(_bytes.AsSpan(0, 100_000));

        // The part file was found empty (lost): the client sends everything again.
        var fresh = parts.HashForAppend(_id, 0);
        fresh!.Append(_bytes);

        fresh.Length.ShouldBe(_bytes.Length);
        parts.FinishedHash(_id, _bytes.Length).ShouldBe(Sha256(_bytes));
    }

    [Fact]
    public void A_new_process_has_no_hash_for_an_upload_under_way()
    {
        NewPartFiles().HashForAppend(_id, 0)!.Append(_bytes.AsSpan(0, 100_000));

        var restarted = NewPartFiles();

        restarted.HashForAppend(_id, 100_000).ShouldBeNull();
        restarted.FinishedHash(_id, 100_000).ShouldBeNull();
    }

    [Fact]
    public void Forget_drops_the_hash()
    {
        var parts = NewPartFiles();
        parts.HashForAppend(_id, 0)!.Append(_bytes);

        parts.Forget(_id);

        parts.FinishedHash(_id, _bytes.Length).ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    private PartFiles NewPartFiles() => new(Options.Create(new StrataOptions { DataPath = _dataPath }));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
