namespace GatewayFs.Fs.Linux;

/// <summary>Replies with the result; <paramref name="state"/> carries what the reply needs.</summary>
internal delegate void ReplyAction<T, TState>(Native.FuseRequest req, T result, TState state);
