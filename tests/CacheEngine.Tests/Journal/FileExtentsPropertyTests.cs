using CsCheck;
using GatewayFs.CacheEngine.Journal;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Journal;

/// <summary>The dirty-run index against a per-byte model of "which record holds the newest byte".</summary>
public sealed class FileExtentsPropertyTests
{
    private const int Size = 200;

    // kind 0 = write(offset, length), 1 = truncate(offset), 2 = remove a record
    private static readonly Gen<(int Kind, int A, int B)> Op =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, Size - 1], Gen.Int[1, 60])
           .Select(t => (t.Item1 < 7 ? 0 : t.Item1 < 9 ? 1 : 2, t.Item2, t.Item3));

    [Fact]
    public void Runs_match_the_byte_model_after_any_sequence()
    {
        Op.Array[1, 40].Sample(ops =>
        {
            var runs = new FileExtents();
            var model = new long?[Size + 64];
            long next = 1;
            foreach (var (kind, a, b) in ops)
            {
                if (kind == 0)
                {
                    long id = next++;
                    runs.Add(a, b, id);
                    for (int i = a; i < a + b; i++) model[i] = id;
                }
                else if (kind == 1)
                {
                    runs.Truncate(a);
                    for (int i = a; i < model.Length; i++) model[i] = null;
                }
                else
                {
                    long id = 1 + a % Math.Max(1, next - 1);
                    runs.RemoveRecord(id);
                    for (int i = 0; i < model.Length; i++) if (model[i] == id) model[i] = null;
                }
            }
            var actual = new long?[model.Length];
            long previousEnd = -1;
            foreach (var e in runs.Query(0, long.MaxValue))
            {
                Assert.True(e.Offset >= previousEnd, "runs overlap or are out of order");
                Assert.True(e.Length > 0);
                previousEnd = e.End;
                for (long i = e.Offset; i < e.End; i++) actual[i] = e.RecordAddress;
            }
            Assert.Equal(model, actual);
            Assert.Equal(model.Count(x => x is not null), runs.Bytes);
            // A window query is the full query clipped.
            var window = runs.Query(50, 70);
            Assert.All(window, e => Assert.True(e.Offset >= 50 && e.End <= 120));
            Assert.Equal(model.Skip(50).Take(70).Count(x => x is not null), window.Sum(e => e.Length));
        }, iter: 2000);
    }
}
