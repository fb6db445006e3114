/** A client as a command about it is decided: read from its file by the caller, checked by the decider. */
export interface ClientSnapshot {
  clientId: string;
  name: string;
  status: 'none' | 'active' | 'archived';
}
