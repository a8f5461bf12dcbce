import { createContext, useContext } from 'react';

/**
 * The real-time stream's state: 'off' (signed out, or no stream configured), 'connecting', 'open' or 'down'
 * (waiting to connect again). Polling that the stream replaces runs only while it is not 'open'.
 */
export const StreamStatusContext = createContext('off');

export const useStreamStatus = () => useContext(StreamStatusContext);
