/** Keys of the Inventory context's items (one partition per SKU). */
export const skuKey = (sku: string) => ({ pk: `INVENTORY#SKU#${sku}`, sk: `SKU#${sku}` });
export const lotKey = (sku: string, lotId: string) => ({ pk: `INVENTORY#SKU#${sku}`, sk: `LOT_ID#${lotId}` });
export const allocationKey = (sku: string, orderId: string) => ({ pk: `INVENTORY#SKU#${sku}`, sk: `SKU#${sku}#ORDER_ID#${orderId}#ORDER_ALLOCATION` });

export const ALLOCATION_STATUS = {
  allocated: 'ALLOCATED',
  completed: 'COMPLETED_PAYMENT_ACCEPTED',
  deallocatedRejected: 'DEALLOCATED_PAYMENT_REJECTED',
  deallocatedCanceled: 'DEALLOCATED_ORDER_CANCELED',
} as const;
export type AllocationStatus = (typeof ALLOCATION_STATUS)[keyof typeof ALLOCATION_STATUS];

export interface Allocation {
  readonly orderId: string;
  readonly sku: string;
  readonly units: number;
  readonly price: number;
  readonly userId: string;
  readonly allocationStatus: AllocationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}
