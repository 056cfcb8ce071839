namespace GatewayFs.ObjectStore;

/// <summary>A streaming read of an object with the identity it was read at.</summary>
public sealed class ObjectReadStream : IAsyncDisposable
{
    /// <summary>Wraps a response body.</summary>
    public ObjectReadStream(Stream body, ObjectInfo info, IAsyncDisposable? owner = null)
    {
        Body = body;
        Info = info;
        _owner = owner;
    }

    private readonly IAsyncDisposable? _owner;

    /// <summary>The bytes.</summary>
    public Stream Body { get; }

    /// <summary>Size, ETag and metadata of the object being read.</summary>
    public ObjectInfo Info { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(false);
    }
}
