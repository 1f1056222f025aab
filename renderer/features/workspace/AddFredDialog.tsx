/**
 * "Add … from FRED" from a Workspace panel's picker: the Data view's add form (AddFredSeries, the
 * same catalog:lookup-fred / catalog:add-fred channels and checks) in a modal dialog, opened on the id
 * the user typed and looked up at once. The Workspace puts the added series in the panel and syncs it.
 */
import { useRef } from 'react';
import { ModalDialog } from '../../app/overlays.js';
import { AddFredSeries } from '../data/AddFredSeries.js';

export interface AddFredDialogProps {
  readonly fredId: string;
  readonly onAdded: (id: string) => void;
  readonly onClose: () => void;
  readonly onStatus: (m: string) => void;
}

export function AddFredDialog({ fredId, onAdded, onClose, onStatus }: AddFredDialogProps): React.JSX.Element {
  // The focus starts on the dialog's first control (the FRED id field).
  const none = useRef<HTMLElement>(null);
  return (
    <ModalDialog labelledBy="add-fred-title" name="add-fred" className="add-fred-dialog" initialFocus={none} onClose={onClose}>
        <AddFredSeries initialFredId={fredId} onAdded={onAdded} onStatus={onStatus} headingId="add-fred-title" />
        <div className="confirm-actions">
          <button type="button" data-action="add-fred-close" onClick={onClose}>
            Close
          </button>
        </div>
    </ModalDialog>
  );
}
